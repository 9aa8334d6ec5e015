from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Lower-cases emails so that one person cannot sign up twice with different casing."""

    def clean_email(self, email: str) -> str:
        return super().clean_email(email).lower()
