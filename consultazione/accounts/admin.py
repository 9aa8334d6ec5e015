from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "pseudonym", "is_staff", "is_active", "blocked_at", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("email", "pseudonym", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "pseudonym", "password")}),
        (_("Dati personali"), {"fields": ("first_name", "last_name")}),
        (_("Permessi"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Blocco"), {"fields": ("blocked_at", "blocked_reason")}),
        (_("Date"), {"fields": ("last_login", "date_joined", "deleted_at")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "pseudonym", "password1", "password2")}),)
    # Blocking goes through moderation (moderation/services/users.py): audited, notified, and every
    # page that shows the person's contributions and comments rendered again.
    readonly_fields = ("blocked_at", "blocked_reason")
