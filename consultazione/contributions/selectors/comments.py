"""Reads for comment threads: one page of a level at a time, replies loaded on demand."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q

from consultazione.core import pagecache

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


class _Counted:
    """A paginator's object list that only knows its length (the rows of the page are kept)."""

    def __init__(self, count: int):
        self.count = count

    def __len__(self) -> int:
        return self.count


def comments_page_number(page: int | str | None) -> str:
    """The comments' page number as `get_page` reads it ("last", digits, else the first)."""
    number = str(page or 1)
    return number if number == "last" or (number.isdigit() and len(number) < 7) else "1"


def comment_scopes(contribution: Contribution) -> list[str]:
    # a comment, even one waiting, and every moderation decision move the contribution's pages;
    # a block hides an author's comments and moves the site (moderation/services/users.py)
    return [pagecache.SITE, pagecache.contribution(contribution.reference)]


def _kept_page(contribution: Contribution, number: str) -> tuple:
    """The page's rows, its number, the count of top-level comments, who has a comment waiting
    and who wrote a comment on it — read once per version of `comment_scopes`."""

    def read():
        found = comments_page(contribution, page=number)
        rows = list(found.object_list)
        waiting = contribution.comments.filter(status=CommentStatus.PENDING).values_list("author_id", flat=True)
        return rows, found.number, found.paginator.count, frozenset(waiting), frozenset(row.author_id for row in rows)

    return pagecache.memo("comments", comment_scopes(contribution), read, contribution.pk, number)


def comment_people(contribution: Contribution, page: int | str = 1) -> frozenset:
    """Who sees this page of comments differently from everyone else: the authors of its comments
    (their own links) and everyone with a comment waiting (shown to them). Kept apart from the
    rows, so a page whose rendering is shared needs no rows at all (`comments_list_key`)."""
    number = comments_page_number(page)

    def read():
        *_, waiting, authors = _kept_page(contribution, number)
        return waiting | authors

    return pagecache.memo("comment-people", comment_scopes(contribution), read, contribution.pk, number)


def shown_comments(contribution: Contribution, page: int | str = 1, *, viewer=None) -> Page:
    """The top-level page of comments as `viewer` sees it (`comments_page`). It is the same for
    everyone without a comment of their own waiting for moderation there, so that page — and who
    has a comment waiting — is read once per version of the contribution's pages and of the site
    and kept in the fragments store."""
    if not pagecache.fragment_seconds():
        return comments_page(contribution, page=page, viewer=viewer)
    rows, shown, count, waiting, _authors = _kept_page(contribution, comments_page_number(page))
    if getattr(viewer, "is_authenticated", False) and viewer.pk in waiting:  # theirs are shown to them
        return comments_page(contribution, page=page, viewer=viewer)
    for row in rows:
        row.contribution = contribution  # the page's own instance, as comments_page gives
    return Page(rows, shown, Paginator(_Counted(count), conf.comments_per_page()))


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
