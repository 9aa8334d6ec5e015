from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from consultazione.core.exceptions import DomainError

from .models import Category, Membership, Organisation
from .services import membership_verify


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "is_institutional", "position")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "comune", "ipa_code", "vat_number", "verified")
    list_filter = ("category", "verified")
    search_fields = ("name", "ipa_code", "vat_number")
    autocomplete_fields = ("comune",)
    readonly_fields = ("proposed_by",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Decisions are taken in the site's queue (/organizzazioni/richieste/) or with the action below,
    through the service: here who decided, when and why are read-only."""

    list_display = ("user", "organisation", "role_title", "status", "verified_at", "verified_by")
    list_filter = ("status",)
    search_fields = ("organisation__name", "organisation__ipa_code", "organisation__vat_number", "user__pseudonym", "user__email")
    autocomplete_fields = ("user", "organisation")
    list_select_related = ("user", "organisation", "verified_by")
    actions = ["verify"]
    readonly_fields = ("status", "verified_at", "verified_by", "refused_reason")

    @admin.action(description=_("Verifica le rappresentanze selezionate"))
    def verify(self, request, queryset):
        for membership in queryset:
            try:
                membership_verify(actor=request.user, membership=membership)
            except DomainError as error:
                self.message_user(request, f"{membership}: {error.message}", messages.WARNING)
