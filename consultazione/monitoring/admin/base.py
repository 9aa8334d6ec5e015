"""Admin permissions from the django-rules permissions (one rule for admin, API and services)."""

PERM = "monitoring.change_tracking"


class RulesAdminMixin:
    def has_module_permission(self, request):
        return request.user.has_perm(PERM)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(PERM)

    def has_add_permission(self, request):
        return request.user.has_perm(PERM)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(PERM)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(PERM)


class RulesInlineMixin:
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(PERM)

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm(PERM)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(PERM)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(PERM)
