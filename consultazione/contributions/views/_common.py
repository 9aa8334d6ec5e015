from django.http import Http404
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy

from consultazione.core.permissions import user_may
from consultazione.process.selectors import process_current

from .. import conf
from ..models import Comment, CommentStatus, Contribution
from ..pagecache import with_comment_keys
from ..selectors import contribution_for_viewer

PENDING_EDIT_MESSAGE = gettext_lazy(
    "Modifica inviata: è in attesa di moderazione. Fino all'approvazione gli altri leggono il testo precedente."
)


def current_process_or_404():
    process = process_current()
    if process is None:
        raise Http404("No process")
    return process


def visible_contribution_or_404(request, reference: str) -> Contribution:
    """The contribution if the viewer may see it (selectors.contribution_for_viewer); 404 otherwise."""
    try:
        return contribution_for_viewer(reference, request.user)
    except Contribution.DoesNotExist:
        raise Http404("No contribution")


def querystring_without(request, *names: str) -> str:
    return urlencode([(key, value) for key, value in request.GET.items() if key not in names and value])


def decorate_comments(comments, *, user, can_comment: bool) -> None:
    """Per-comment permissions for the template (no query: author and contribution are loaded),
    and each comment's rendering from the fragment cache when someone with the same links saw it."""
    for comment in comments:
        comment.can_reply = can_comment and comment.status == CommentStatus.PUBLISHED and comment.depth < Comment.MAX_DEPTH
        # both rules start with "is the comment's author" (rules.py): nobody else's comment is asked about
        own = comment.author_id is not None and comment.author_id == user.pk
        comment.can_edit = own and user_may(user, "contributions.change_comment", comment)
        comment.can_delete = own and user_may(user, "contributions.delete_comment", comment)
        comment.can_report = user.is_authenticated and comment.status == CommentStatus.PUBLISHED and comment.author_id != user.pk
        comment.edit_deadline = comment.created_at + conf.comment_edit_window()
        comment.show_pending_edit = comment.pending_edit_at is not None and comment.author_id == user.pk
    with_comment_keys(comments)
