from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Category, Membership, Organisation
from .services import membership_verify


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "is_institutional", "position")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "comune", "verified")
    list_filter = ("category", "verified")
    search_fields = ("name",)
    autocomplete_fields = ("comune",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role_title", "status", "verified_at")
    list_filter = ("status",)
    actions = ["verify"]
    readonly_fields = ("verified_at", "verified_by")

    @admin.action(description=_("Verifica le rappresentanze selezionate"))
    def verify(self, request, queryset):
        for membership in queryset:
            membership_verify(actor=request.user, membership=membership)
