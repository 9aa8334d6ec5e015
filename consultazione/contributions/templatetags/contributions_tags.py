from django import template
from django.template.loader import get_template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from consultazione.core import pagecache
from consultazione.core.templatetags.shared_fragments import render_with

from .. import presentation, text
from ..models import KIND_RULES, Alignment, Outcome, Status
from ..selectors import axis_label
from ..selectors.plans import plan_label

register = template.Library()

OUTCOME_CLASSES = {
    Outcome.ACCOLTO: "bg-success",
    Outcome.PARZIALE: "bg-info",
    Outcome.NON_ACCOLTO: "bg-danger",
    Outcome.GIA_PREVISTO: "bg-primary",
    Outcome.FUORI_AMBITO: "bg-secondary",
}
ALIGNMENT_CLASSES = {Alignment.IN_FAVOUR: "bg-success", Alignment.NEUTRAL: "bg-secondary", Alignment.AGAINST: "bg-danger"}


register.filter("author_label", presentation.author_label)
register.filter("comment_author", presentation.comment_author)


@register.filter(name="axis_label")
def axis_label_filter(axis) -> str:
    """«Asse 3. Titolo (PSM 2024-2026)» (selectors.axis_label)."""
    return axis_label(axis) if axis is not None else ""


@register.filter
def plan_name(contribution) -> str:
    """The plan of the contribution's axis with the part it plays ("PSM 2021-2023, piano in vigore")."""
    return plan_label(contribution.axis.plan, contribution.process)


@register.filter
def plan_note(contribution) -> str:
    """The plan's name only when it is not the plan being built (what a card adds to "Asse 1")."""
    return axis_plan_note(contribution.axis, contribution.process)


@register.filter
def axis_plan_note(axis, process) -> str:
    """`axis`'s plan when it is not the plan `process` builds ("" otherwise): codes repeat across plans."""
    if axis is None or process is None or axis.plan_id == process.working_plan_id:
        return ""
    return plan_label(axis.plan, process)


@register.filter
def render_body(value: str):
    return text.render(value)


@register.filter
def excerpt(value: str, length: int = 220) -> str:
    return text.excerpt(value, int(length))


@register.simple_tag
def fragment_seconds() -> int:
    return pagecache.fragment_seconds()


@register.simple_tag
def contribution_card(contribution):
    """A contribution's card: the cached HTML that contributions.pagecache.with_card_keys fetched
    for the whole page, else rendered now (and stored when the card has a key)."""
    html = getattr(contribution, "card_html", None) or pagecache.kept(
        getattr(contribution, "card_key", ""),
        lambda: get_template("contributions/includes/card_body.html").render({"contribution": contribution}),
    )
    return mark_safe(html)


@register.simple_tag(takes_context=True)
def comment_html(context, comment):
    """A comment: the cached HTML that contributions.pagecache.with_comment_keys fetched for the
    page, else rendered now with the page's context (and stored when the comment has a key)."""
    html = getattr(comment, "html", None) or pagecache.kept(
        getattr(comment, "html_key", ""), lambda: render_with(context, "contributions/includes/comment.html", comment=comment)
    )
    return mark_safe(html)


@register.simple_tag
def contribution_badges(contribution):
    """Kind, reference, status and outcome badges (a tag, not an include: it runs on every card)."""
    rule = KIND_RULES.get(contribution.kind)
    parts = [
        format_html('<span class="badge {}">{}</span>', rule.badge_class if rule else "", contribution.get_kind_display()),
        format_html('<span class="small text-muted text-monospace contribution-reference">{}</span>', contribution.reference),
    ]
    if contribution.status not in (Status.PUBLISHED, Status.WITHDRAWN):
        parts.append(format_html('<span class="badge bg-warning">{}</span>', contribution.get_status_display()))
    if contribution.status == Status.WITHDRAWN or getattr(contribution, "withdrawn_at", None):
        parts.append(format_html('<span class="badge bg-dark">{}</span>', _("Ritirato")))
    if contribution.is_private:
        parts.append(format_html('<span class="badge bg-warning">{}</span>', _("Riservato ai moderatori")))
    if contribution.outcome:
        parts.append(
            format_html(
                '<span class="badge {}"><span class="visually-hidden">{} </span>{}</span>',
                OUTCOME_CLASSES.get(contribution.outcome, "bg-secondary"),
                _("Esito:"),
                contribution.get_outcome_display(),
            )
        )
    return mark_safe("\n".join(parts))  # every part is format_html output


@register.filter
def outcome_class(value: str) -> str:
    return OUTCOME_CLASSES.get(value, "bg-secondary")


@register.filter
def alignment_class(value: int) -> str:
    return ALIGNMENT_CLASSES.get(value, "bg-secondary")


@register.filter
def filesize_mb(value: int) -> str:
    return f"{(value or 0) / (1024 * 1024):.1f}".replace(".", ",")
