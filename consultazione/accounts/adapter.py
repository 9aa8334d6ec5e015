from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Lower-cases emails so that one person cannot sign up twice with different casing."""

    def clean_email(self, email: str) -> str:
        return super().clean_email(email).lower()

    def save_user(self, request, user, form, commit=True):
        """The checked pseudonym goes in with the first INSERT (the unique skeleton guards it)."""
        if "pseudonym" in form.cleaned_data:
            user.pseudonym = form.cleaned_data["pseudonym"]
        return super().save_user(request, user, form, commit=commit)
