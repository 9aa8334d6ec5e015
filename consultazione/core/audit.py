"""The one append-only mechanism for audit logs (the moderation log `moderation.Decision`, the
monitoring log `monitoring.ActionTrackingChange`): a row is written once by its app's service and
never changed or deleted through the ORM — `save()` of a stored row, `delete()`, and the queryset's
`update()`, `delete()` and `bulk_update()` raise AppendOnlyError. The admin shows the logs read-only."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .exceptions import DomainError


class AppendOnlyError(DomainError):
    default_code = "append_only"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(_("Il registro delle modifiche non si può modificare."))

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(_("Il registro delle modifiche non si può modificare."))

    def delete(self):
        raise AppendOnlyError(_("Il registro delle modifiche non si può cancellare."))


class AppendOnlyModel(models.Model):
    """Base of an audit log's model: rows are added, never changed or deleted."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(_("Il registro delle modifiche non si può modificare."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(_("Il registro delle modifiche non si può cancellare."))
