from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied

from consultazione.core.clientip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Lower-cases emails so that one person cannot sign up twice with different casing."""

    def clean_email(self, email: str) -> str:
        return super().clean_email(email).lower()

    def get_client_ip(self, request) -> str:
        """allauth's rate limits (sign-up, login, password reset…) count per client address: the same
        address the lockout and the live app use, read through the trusted proxies (core.clientip)."""
        address = client_ip(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def save_user(self, request, user, form, commit=True):
        """The checked pseudonym goes in with the first INSERT (the unique skeleton guards it)."""
        if "pseudonym" in form.cleaned_data:
            user.pseudonym = form.cleaned_data["pseudonym"]
        return super().save_user(request, user, form, commit=commit)
