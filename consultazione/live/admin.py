from django.contrib import admin

from .models import Ballot, CheckInCode, Entry, LiveSession, Option, Question


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["position", "kind", "text", "state", "visibility", "phone_visibility"]
    readonly_fields = ["state"]
    extra = 0
    show_change_link = True


@admin.register(LiveSession)
class LiveSessionAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "meeting", "join_mode", "created_at", "ended_at"]
    search_fields = ["code", "title"]
    list_filter = ["join_mode"]
    raw_id_fields = ["meeting", "created_by", "current_question"]
    inlines = [QuestionInline]


class OptionInline(admin.TabularInline):
    model = Option
    fields = ["position", "label", "count"]
    readonly_fields = ["count"]
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "session", "kind", "state", "visibility", "phone_visibility"]
    list_filter = ["kind", "state"]
    readonly_fields = ["results", "round", "opened_at", "closed_at"]
    raw_id_fields = ["session"]
    inlines = [OptionInline]


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["text", "question", "status", "pinned", "answered", "upvote_count"]
    list_filter = ["status"]
    raw_id_fields = ["question", "participant"]


admin.site.register(CheckInCode, list_display=["code", "session", "used_at"], raw_id_fields=["session", "participant"])
admin.site.register(Ballot, list_display=["question", "participant", "updated_at"], raw_id_fields=["question", "participant"])
