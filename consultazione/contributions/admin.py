"""Django admin for staff: read and search contributions and comments, never change them.

Nobody edits another person's words, superusers included: the text, the classification and the
status change only through the author's own edit or an audited moderation action (re-tag,
netiquette edit, decisions). So these admins are view-only for everybody (docs/security.md)."""

from django.contrib import admin

from .models import Comment, Contribution, ContributionDocument, ContributionImage


class ReadOnlyAdminMixin:
    """View only: no add, change or delete, whatever the account's flags or model permissions."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ImageInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ContributionImage
    extra = 0
    fields = ["thumbnail", "alt_text", "width", "height", "position"]
    readonly_fields = ["thumbnail", "width", "height"]


class DocumentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ContributionDocument
    extra = 0
    fields = ["file", "title", "size", "position"]
    readonly_fields = ["file", "size"]


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "title",
        "kind",
        "axis",
        "status",
        "channel",
        "outcome",
        "support_count",
        "comment_count",
        "created_at",
    ]
    list_filter = ["kind", "status", "channel", "outcome", "is_private", "axis", "zona"]
    search_fields = ["reference", "title", "body"]
    list_select_related = ["axis"]
    raw_id_fields = ["author", "entered_by", "organisation", "comune", "merged_into"]
    readonly_fields = [
        "reference",
        "status",
        "outcome",
        "outcome_at",
        "support_count",
        "comment_count",
        "report_count",
        "published_at",
        "edited_at",
        "withdrawn_at",
        "created_at",
    ]
    inlines = [ImageInline, DocumentInline]
    date_hierarchy = "created_at"


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["id", "contribution", "depth", "alignment", "status", "reply_count", "created_at"]
    list_filter = ["status", "alignment", "depth"]
    search_fields = ["body", "contribution__reference"]
    list_select_related = ["contribution"]
    raw_id_fields = ["contribution", "parent", "author"]
    readonly_fields = ["status", "reply_count", "report_count", "edited_at", "deleted_at", "created_at"]
