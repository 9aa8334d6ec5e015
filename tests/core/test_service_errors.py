"""core.forms and core.exceptions: how every form shows a service's refusal and which HTTP status
answers it (issue 17, item 3: one mixin, one status map, for the web views and the API)."""

from django import forms
from django.core.exceptions import ValidationError

from api.errors import exception_handler
from consultazione.core.exceptions import (
    Conflict,
    DomainError,
    InvalidInput,
    NotAllowedInPhase,
    PermissionDenied,
    RateLimited,
    http_status,
)
from consultazione.core.forms import ServiceErrorsMixin, add_service_errors


class _Form(ServiceErrorsMixin, forms.Form):
    title = forms.CharField()
    contribution_references = forms.CharField(required=False)
    service_error_aliases = {"contributions": "contribution_references"}


def _bound() -> _Form:
    form = _Form({"title": "x"})
    assert form.is_valid()
    return form


def test_field_errors_land_on_their_field_and_the_rest_on_top():
    form = _bound()
    form.add_service_errors(ValidationError({"title": ["Titolo troppo corto."], "axis": ["Asse chiuso."]}))
    assert form.errors["title"] == ["Titolo troppo corto."]
    assert form.non_field_errors() == ["Asse chiuso."]


def test_aliases_rename_service_fields():
    form = _bound()
    form.add_service_errors(ValidationError({"contributions": ["Riferimento sconosciuto: PSM-X."]}))
    assert form.errors["contribution_references"] == ["Riferimento sconosciuto: PSM-X."]


def test_a_plain_validation_error_and_a_domain_error_go_on_top():
    form = _bound()
    add_service_errors(form, ValidationError("Non valido."))
    add_service_errors(form, Conflict("Qualcun altro ha già deciso."))
    assert form.non_field_errors() == ["Non valido.", "Qualcun altro ha già deciso."]


def test_one_status_map_for_the_web_and_the_api():
    cases = {
        PermissionDenied("no"): 403,
        NotAllowedInPhase("fase"): 403,
        Conflict("c"): 409,
        InvalidInput("i"): 400,
        RateLimited("r", retry_after=30): 429,
        DomainError("d"): 400,
        ValidationError("v"): 400,
    }
    for error, status in cases.items():
        assert http_status(error) == status
        response = exception_handler(error, {})
        assert response.status_code == status
