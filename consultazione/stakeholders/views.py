"""The request page (/organizzazioni/richiesta/, reached from the profile) and the staff queue
(/organizzazioni/richieste/). Thin: parse the form, call the service, put its errors back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core.exceptions import DomainError, http_status
from consultazione.core.exceptions import PermissionDenied as DomainPermissionDenied
from consultazione.core.forms import add_service_errors
from consultazione.core.params import renamed
from consultazione.core.permissions import user_may

from . import selectors, services
from .forms import ExistingRequestForm, NewOrganisationForm, OrganisationSearchForm, QueueFilterForm, RefuseForm
from .models import Membership

QUEUE_PAGE_SIZE = 25


@login_required
def request_membership(request):
    """GET: search (works without JavaScript: the results come back as radio buttons) and the form
    for a new organisation. POST `mode=existing|new`: the request, through `membership_request`."""
    if not user_may(request.user, "stakeholders.request_membership"):
        raise PermissionDenied
    search = OrganisationSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    results = selectors.organisations_search(user=request.user, query=query) if query else None
    existing_form = ExistingRequestForm(user=request.user, choices=results or [])
    new_form = NewOrganisationForm(prefix="new")
    status = 200
    if request.method == "POST":
        mode = request.POST.get("mode")
        if mode == "existing":
            form = existing_form = ExistingRequestForm(request.POST, user=request.user, choices=results or [])
        else:
            form = new_form = NewOrganisationForm(request.POST, prefix="new")
        if form.is_valid():
            data = form.cleaned_data
            try:
                if mode == "existing":
                    membership = services.membership_request(
                        actor=request.user, organisation=data["organisation"], role_title=data["role_title"]
                    )
                else:
                    proposal = services.OrganisationProposal(
                        name=data["name"],
                        category=data["category"],
                        comune=data["comune"],
                        ipa_code=data["ipa_code"],
                        vat_number=data["vat_number"],
                    )
                    membership = services.membership_request(actor=request.user, proposal=proposal, role_title=data["role_title"])
            except DomainPermissionDenied:
                raise PermissionDenied from None
            except (ValidationError, DomainError) as error:
                add_service_errors(form, error)
                status = http_status(error)
            else:
                messages.success(
                    request,
                    _("Richiesta inviata: lo staff verificherà che rappresenti «%(name)s». Riceverai un'email con la risposta.")
                    % {"name": membership.organisation.name},
                )
                return redirect("accounts:profile")
        else:
            status = 400
    return render(
        request,
        "stakeholders/request.html",
        {
            "search": search,
            "query": query,
            "results": results,
            "existing_form": existing_form,
            "new_form": new_form,
            "active_form": request.POST.get("mode", "") if request.method == "POST" else "",
        },
        status=status,
    )


def _staff_only(request) -> None:
    if not user_may(request.user, "stakeholders.verify_membership"):
        raise PermissionDenied


def _queue_response(request, *, refuse_errors: dict | None = None, status: int = 200):
    filters = QueueFilterForm(renamed(request.GET, QueueFilterForm.old_names) or {"status": Membership.Status.PENDING})
    data = filters.cleaned_data if filters.is_valid() else {"q": "", "status": Membership.Status.PENDING}
    memberships = selectors.membership_queue(status=data["status"] or None, query=data["q"])
    page = Paginator(memberships, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    refuse_errors = refuse_errors or {}
    rows = [(membership, refuse_errors.get(membership.pk) or RefuseForm(prefix=f"m{membership.pk}")) for membership in page]
    querystring = urlencode({key: value for key, value in data.items() if value})
    return render(
        request,
        "stakeholders/queue.html",
        {
            "filters": filters,
            "page_obj": page,
            "rows": rows,
            "querystring": querystring,
            "pending_count": selectors.pending_requests_count(),
        },
        status=status,
    )


@login_required
def queue(request):
    _staff_only(request)
    return _queue_response(request)


@login_required
@require_POST
def verify(request, pk: int):
    _staff_only(request)
    membership = get_object_or_404(Membership, pk=pk)
    try:
        membership = services.membership_verify(actor=request.user, membership=membership)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("stakeholders:queue")
    messages.success(
        request,
        _("Verificata: %(person)s rappresenta «%(name)s». La persona riceve un'email.")
        % {"person": membership.user.pseudonym, "name": membership.organisation.name},
    )
    return redirect("stakeholders:queue")


@login_required
@require_POST
def refuse(request, pk: int):
    _staff_only(request)
    membership = get_object_or_404(Membership, pk=pk)
    form = RefuseForm(request.POST, prefix=f"m{membership.pk}")
    if form.is_valid():
        try:
            membership = services.membership_refuse(actor=request.user, membership=membership, reason=form.cleaned_data["reason"])
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("stakeholders:queue")
        except ValidationError as error:
            add_service_errors(form, ValidationError({"reason": error.message_dict.get("reason", error.messages)}))
        else:
            messages.success(
                request,
                _("Richiesta rifiutata: %(person)s per «%(name)s». La persona riceve il motivo per email.")
                % {"person": membership.user.pseudonym, "name": membership.organisation.name},
            )
            return redirect("stakeholders:queue")
    return _queue_response(request, refuse_errors={membership.pk: form}, status=400)
