"""The facilitator's page of a table: what emerged per agenda item, the table summary and the
contributions (criticità, ideas, needs) collected at the table."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from consultazione.core.exceptions import DomainError
from consultazione.core.forms import add_service_errors

from .. import selectors, services
from ..forms.tables import TableContributionForm, TableOutputForm, TableSummaryForm
from ..models import MeetingTable


def _output_forms(table, bound_item_pk=None, data=None):
    outputs = {output.agenda_item_id: output for output in table.outputs.all()}
    agenda = list(table.meeting.agenda.all())
    items = [None] + ([item for item in agenda if item.in_tables] or agenda)
    forms = []
    for item in items:
        key = item.pk if item else 0
        output = outputs.get(item.pk if item else None)
        initial = {}
        if output is not None:
            initial = {
                "summary": output.summary,
                "positions": output.positions,
                "decisions": output.decisions,
                "strategies": list(output.strategies.all()),
                "actions": list(output.actions.all()),
            }
        bound = data if bound_item_pk == key else None
        forms.append((item, TableOutputForm(bound, table=table, initial=initial, prefix=f"out{key}"), output))
    return forms


def table(request, slug: str, position: int):
    table = get_object_or_404(
        MeetingTable.objects.select_related("meeting", "meeting__process", "axis", "facilitator"),
        meeting__slug=slug,
        position=position,
    )
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("meetings.record_table_output", table):
        raise PermissionDenied
    action = request.POST.get("action") if request.method == "POST" else None
    summary_form = TableSummaryForm(request.POST if action == "summary" else None, initial={"summary": table.summary})
    contribution_form = TableContributionForm(request.POST if action == "contribution" else None, table=table)
    item_key = None
    if action == "output":
        try:
            item_key = int(request.POST.get("item", "0"))
        except ValueError:
            item_key = 0
    output_forms = _output_forms(table, item_key, request.POST if action == "output" else None)
    done = None
    try:
        if action == "summary" and summary_form.is_valid():
            services.table_summary_save(actor=request.user, table=table, summary=summary_form.cleaned_data["summary"])
            done = _("Sintesi del tavolo salvata.")
        elif action == "contribution" and contribution_form.is_valid():
            contribution = services.table_contribution_add(actor=request.user, table=table, **contribution_form.cleaned_data)
            done = _("Contributo %(r)s registrato.") % {"r": contribution.reference or contribution.title}
        elif action == "output":
            for item, form, _output in output_forms:
                if (item.pk if item else 0) == item_key and form.is_valid():
                    services.table_output_save(actor=request.user, table=table, agenda_item=item, **form.cleaned_data)
                    done = _("Esito salvato: %(i)s.") % {"i": item.title if item else _("intero tavolo")}
    except ValidationError as exc:
        target = contribution_form if action == "contribution" else summary_form
        add_service_errors(target, exc)
    except DomainError as exc:
        messages.error(request, exc.message)
    if done:
        messages.success(request, done)
        return redirect("meetings:table", slug=slug, position=position)
    tables = {t.pk: t for t in selectors.tables_with_outputs(table.meeting)}
    return render(
        request,
        "meetings/manage/table.html",
        {
            "meeting": table.meeting,
            "table": table,
            "output_forms": output_forms,
            "summary_form": summary_form,
            "contribution_form": contribution_form,
            "contributions": [link.contribution for link in tables[table.pk].table_contributions.all()],
        },
        status=400 if action else 200,
    )


@login_required
def my_tables(request):
    return render(request, "meetings/my_tables.html", {"tables": selectors.tables_facilitated_by(request.user)})
