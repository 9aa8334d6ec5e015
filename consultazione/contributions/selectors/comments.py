"""Reads for comment threads: one page of a level at a time, replies loaded on demand."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q

from .. import conf
from ..models import Alignment, Comment, CommentStatus, Contribution


def comments_page(contribution: Contribution, parent: Comment | None = None, page: int | str = 1, *, viewer=None) -> Page:
    """One page of the comments directly under `parent` (None: the top level), oldest first.

    Shows published and deleted (blanked) comments, plus the viewer's own comments waiting for
    moderation. Authors come with the same query; `comment.contribution` is the given instance.
    `page` may be "last" (where a new comment lands).
    """
    visible = Q(status__in=[CommentStatus.PUBLISHED, CommentStatus.DELETED])
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        visible |= Q(status=CommentStatus.PENDING, author=viewer)
    qs = (
        contribution.comments.filter(visible, parent=parent)
        .exclude(author__blocked_at__isnull=False)
        .select_related("author")
        .order_by("created_at", "id")
    )
    paginator = Paginator(qs, conf.comments_per_page())
    return paginator.get_page(paginator.num_pages if page == "last" else page)


def comment_in_thread(contribution: Contribution, comment_id) -> Comment:
    """A comment of this contribution (raises DoesNotExist), with its author."""
    return contribution.comments.select_related("author").get(pk=comment_id)


def alignment_counts(contribution: Contribution) -> dict[str, int]:
    """Published comments in favour, neutral and against (one query)."""
    published = Q(status=CommentStatus.PUBLISHED) & ~Q(author__blocked_at__isnull=False)
    counts = Comment.objects.filter(contribution=contribution).aggregate(
        in_favour=Count("id", filter=published & Q(alignment=Alignment.IN_FAVOUR)),
        neutral=Count("id", filter=published & Q(alignment=Alignment.NEUTRAL)),
        against=Count("id", filter=published & Q(alignment=Alignment.AGAINST)),
    )
    return {key: value or 0 for key, value in counts.items()}


def comments_of_user(user):
    return Comment.objects.filter(author=user).select_related("contribution").order_by("-created_at")
