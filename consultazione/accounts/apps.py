from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "consultazione.accounts"
    label = "accounts"
    verbose_name = _("Account")

    def ready(self):
        from consultazione.core import personal_data

        from .saml.profile import profile_section
        from .saml.services import identities_erase, identities_export

        # Which sign-in methods are linked (never the fiscal code or its hash); erased with the account.
        personal_data.register(
            "sign_in_methods", exporter=identities_export, eraser=identities_erase, profile_section=profile_section
        )
