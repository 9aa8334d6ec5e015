from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "consultazione.accounts"
    label = "accounts"
    verbose_name = _("Account")

    def ready(self):
        from allauth.account.models import EmailAddress
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import m2m_changed

        from consultazione.core import pagecache, personal_data

        from .models import ExternalIdentity, User

        # A person's roles, permissions and verification are read once per change (selectors.principal).
        pagecache.invalidated_by((Group, Permission, EmailAddress, ExternalIdentity), pagecache.AUTH)
        # A signed-in person's own row is read once per change of it (sessions.py).
        pagecache.invalidated_by((User,), pagecache.person_of("pk"))

        def memberships_changed(sender, action, using=None, **kwargs):
            if action in ("post_add", "post_remove", "post_clear"):
                pagecache.changed(pagecache.AUTH, using=using)

        for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
            m2m_changed.connect(memberships_changed, sender=through, weak=False, dispatch_uid=f"auth:{through._meta.label}")

        from .saml.profile import profile_section
        from .saml.services import identities_erase, identities_export

        # Which sign-in methods are linked (never the fiscal code or its hash); erased with the account.
        personal_data.register(
            "sign_in_methods", exporter=identities_export, eraser=identities_erase, profile_section=profile_section
        )
