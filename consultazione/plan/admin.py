from django.contrib import admin

from .models import Action, Axis, Plan, Strategy


class AxisInline(admin.TabularInline):
    model = Axis
    extra = 0
    fields = ("code", "title", "pnrr_mission", "colour")


class StrategyInline(admin.TabularInline):
    model = Strategy
    extra = 0
    fields = ("code", "title", "title_is_partial")


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0
    fields = ("code", "title", "title_is_partial")


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("short_name", "period_start", "period_end", "status", "approval_date")
    inlines = [AxisInline]


@admin.register(Axis)
class AxisAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan", "pnrr_mission")
    list_filter = ("plan",)
    inlines = [StrategyInline]


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "axis")
    list_filter = ("axis__plan", "axis")
    search_fields = ("code", "title")
    inlines = [ActionInline]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "strategy")
    list_filter = ("strategy__axis__plan", "strategy__axis")
    search_fields = ("code", "title")
