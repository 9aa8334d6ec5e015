"""Comment pages: create, replies on demand (a fragment for JS, a full page without), edit, delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core.exceptions import DomainError, http_status
from consultazione.core.permissions import user_may

from .. import conf, limits, services
from ..forms import CommentEditForm, CommentForm
from ..models import Comment, CommentStatus
from ..selectors import comment_in_thread, comments_page
from ..text import to_editable
from ._common import PENDING_EDIT_MESSAGE, decorate_comments, querystring_without, visible_contribution_or_404
from .browse import contribution_detail_page


def _comment_or_404(contribution, comment_id) -> Comment:
    try:
        return comment_in_thread(contribution, comment_id)
    except Comment.DoesNotExist:
        raise Http404("No comment")


def replies(request, reference: str, comment_id: int, *, reply_form=None, status: int = 200):
    contribution = visible_contribution_or_404(request, reference)
    parent = _comment_or_404(contribution, comment_id)
    if parent.status not in {CommentStatus.PUBLISHED, CommentStatus.DELETED}:
        raise Http404("No comment")
    user = request.user
    can_comment = user.has_perm("contributions.add_comment", contribution)
    page = comments_page(contribution, parent=parent, page=request.GET.get("pagina") or 1, viewer=user)
    decorate_comments(page.object_list, user=user, can_comment=can_comment)
    context = {
        "contribution": contribution,
        "parent": parent,
        "comments": page,
        "page_querystring": querystring_without(request, "pagina", "frammento"),
        "can_reply": can_comment and parent.status == CommentStatus.PUBLISHED and parent.depth < Comment.MAX_DEPTH,
        "reply_form": reply_form or CommentForm(initial={"parent": parent.pk}),
    }
    if request.GET.get("frammento"):
        return render(request, "contributions/comments/replies_fragment.html", context, status=status)
    return render(request, "contributions/comments/replies_page.html", context, status=status)


@login_required
@require_POST
def comment_create(request, reference: str):
    contribution = visible_contribution_or_404(request, reference)
    form = CommentForm(request.POST)
    parent = None
    status = 400
    if form.is_valid():
        parent_id = form.cleaned_data.get("parent")
        parent = _comment_or_404(contribution, parent_id) if parent_id else None
        try:
            with limits.comment(request.user):
                comment = services.comment_create(
                    author=request.user,
                    contribution=contribution,
                    body=form.cleaned_data["body"],
                    alignment=form.cleaned_data["alignment"],
                    parent=parent,
                )
        except (ValidationError, DomainError) as exc:
            form.add_service_errors(exc)
            status = http_status(exc)
        else:
            if comment.status == CommentStatus.PENDING:
                messages.info(request, _("Grazie! Il commento sarà pubblicato dopo la verifica dei moderatori."))
            else:
                messages.success(request, _("Il tuo commento è stato pubblicato."))
            if parent is not None:
                url = reverse("contributions:comment_replies", kwargs={"reference": reference, "comment_id": parent.pk})
                return redirect(f"{url}?pagina=last#commento-{comment.pk}")
            url = reverse("contributions:detail", kwargs={"reference": reference})
            return redirect(f"{url}?commenti=last#commento-{comment.pk}")
    if parent is not None or request.POST.get("parent"):
        parent_id = parent.pk if parent is not None else request.POST.get("parent")
        if not str(parent_id).isdigit():
            raise Http404("No comment")
        return replies(request, reference, int(parent_id), reply_form=form, status=status)
    return contribution_detail_page(request, reference, comment_form=form, status=status)


@login_required
def comment_edit(request, reference: str, comment_id: int):
    contribution = visible_contribution_or_404(request, reference)
    comment = _comment_or_404(contribution, comment_id)
    if not user_may(request.user, "contributions.change_comment", comment):
        if not user_may(request.user, "contributions.own_comment", comment):
            raise PermissionDenied("Not the author")
        minutes = int(conf.comment_edit_window().total_seconds() // 60)
        messages.error(request, _("Il commento non è più modificabile (si può modificare per %(n)s minuti).") % {"n": minutes})
        return redirect("contributions:detail", reference=reference)
    own_pending = comment.pending_edit_at is not None  # the author goes on from the edit that waits
    body = comment.pending_body if own_pending else comment.body
    form = CommentEditForm(request.POST or None, initial={"body": to_editable(body), "alignment": comment.alignment})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            updated = services.comment_update(
                actor=request.user, comment=comment, body=form.cleaned_data["body"], alignment=form.cleaned_data["alignment"]
            )
        except (ValidationError, DomainError) as exc:
            form.add_service_errors(exc)
            status = http_status(exc)
        else:
            if updated.pending_edit_at is not None:
                messages.info(request, PENDING_EDIT_MESSAGE)
            else:
                messages.success(request, _("Commento modificato."))
            return redirect(_comment_url(reference, comment))
    return render(
        request,
        "contributions/comments/edit.html",
        {"contribution": contribution, "comment": comment, "form": form},
        status=400 if status == 200 and form.is_bound and form.errors else status,
    )


@login_required
@require_POST
def comment_delete(request, reference: str, comment_id: int):
    contribution = visible_contribution_or_404(request, reference)
    comment = _comment_or_404(contribution, comment_id)
    try:
        services.comment_delete(actor=request.user, comment=comment)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Commento eliminato: il testo è stato cancellato, le risposte restano."))
    return redirect(_comment_url(reference, comment))


def _comment_url(reference: str, comment: Comment) -> str:
    if comment.parent_id:
        url = reverse("contributions:comment_replies", kwargs={"reference": reference, "comment_id": comment.parent_id})
    else:
        url = reverse("contributions:detail", kwargs={"reference": reference})
    return f"{url}#commento-{comment.pk}"
