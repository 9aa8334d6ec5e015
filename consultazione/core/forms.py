"""The glue between a form and the service it calls: a service's refusal shown on the form."""

from django.core.exceptions import ValidationError

from .exceptions import DomainError


def add_service_errors(form, error: Exception, *, aliases: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError (field errors on their fields, the rest on top) or
    DomainError (on top) on `form`. `aliases` renames service field names to form field names."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            name = (aliases or {}).get(field, field)
            form.add_error(name if name in form.fields else None, messages)
    elif isinstance(error, ValidationError):
        form.add_error(None, error.messages)
    elif isinstance(error, DomainError):
        form.add_error(None, error.message)
    else:
        raise TypeError(f"not a service error: {error!r}")


class ServiceErrorsMixin:
    """A form that shows its service's refusals: `form.add_service_errors(exc)`."""

    service_error_aliases: dict[str, str] = {}

    def add_service_errors(self, error: Exception) -> None:
        add_service_errors(self, error, aliases=self.service_error_aliases)
