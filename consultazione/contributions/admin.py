"""Django admin for staff: read and search contributions and comments. Moderation decisions go
through the moderation app, so statuses and counters are read-only here."""

from django.contrib import admin

from .models import Comment, Contribution, ContributionDocument, ContributionImage


class ImageInline(admin.TabularInline):
    model = ContributionImage
    extra = 0
    fields = ["thumbnail", "alt_text", "width", "height", "position"]
    readonly_fields = ["thumbnail", "width", "height"]


class DocumentInline(admin.TabularInline):
    model = ContributionDocument
    extra = 0
    fields = ["file", "title", "size", "position"]
    readonly_fields = ["file", "size"]


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
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
class CommentAdmin(admin.ModelAdmin):
    list_display = ["id", "contribution", "depth", "alignment", "status", "reply_count", "created_at"]
    list_filter = ["status", "alignment", "depth"]
    search_fields = ["body", "contribution__reference"]
    list_select_related = ["contribution"]
    raw_id_fields = ["contribution", "parent", "author"]
    readonly_fields = ["status", "reply_count", "report_count", "edited_at", "deleted_at", "created_at"]
