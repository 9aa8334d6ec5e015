from allauth.account.adapter import DefaultAccountAdapter
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

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

    def post_login(self, request, user, *, signup: bool, **kwargs):
        """The first login, right after confirming the email (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION):
        say that the person is in and where to go next, instead of allauth's "signed in as"."""
        request._consultazione_first_login = signup
        return super().post_login(request, user, signup=signup, **kwargs)

    def add_message(self, request, level, message_template=None, message_context=None, extra_tags="", message=None):
        if message_template == "account/messages/logged_in.txt" and getattr(request, "_consultazione_first_login", False):
            name = request.user.display_name if request.user.is_authenticated else ""
            text = _(
                "Benvenuta o benvenuto, %(name)s: l'email è confermata e hai già effettuato l'accesso. "
                "Qui sotto trovi che cosa puoi fare in questa fase; il tuo profilo è nel menu in alto."
            ) % {"name": name}
            messages.add_message(request, messages.SUCCESS, text, extra_tags=extra_tags)
            return
        super().add_message(request, level, message_template, message_context, extra_tags, message)
