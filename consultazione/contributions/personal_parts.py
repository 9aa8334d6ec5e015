"""The personal parts of the contribution pages (core/personal.py): what the list and the detail
page show differently to each person. Each builder reads only its arguments and the request."""

from django.utils.functional import SimpleLazyObject

from consultazione.core import personal
from consultazione.core.permissions import user_may
from consultazione.notifications.selectors import is_following

from . import conf
from .forms import CommentForm
from .pagecache import comments_list_key
from .rules import sees_pending_edit
from .selectors import merged_into_for, shown_comments
from .views._common import decorate_comments, querystring_without

# Decided by the page, the person, their roles and their own state (supports, follows, reports):
# kept per person when a shared page is filled in (core/personal.py). Not the author's buttons and
# the comments (their edit windows close as time passes), nor a merged source's notice (cheap).
personal.keep("contributions.submit", "voting.support", "notifications.follow", "moderation.box")


@personal.builds("contributions.submit")
def submit(request, *, process):
    user = request.user
    return {
        "can_submit": user.has_perm("contributions.add_contribution", process),
        "can_facilitate": user.has_perm("contributions.add_facilitated_contribution", process),
    }


@personal.builds("contributions.merged")
def merged(request, *, source, own_page=False):
    """A merged source's notice: the kept contribution as this person may see it."""
    return {"merged_into": merged_into_for(source, request.user)}


@personal.builds("contributions.pending_edit")
def pending_edit(request, *, contribution):
    return {"show_pending_edit": contribution.pending_edit_at is not None and sees_pending_edit(request.user, contribution)}


@personal.builds("contributions.own")
def own(request, *, contribution):
    """The author's edit and withdraw buttons."""
    user = request.user
    return {
        "can_edit": user_may(user, "contributions.change_contribution", contribution),
        "can_withdraw": user_may(user, "contributions.withdraw_contribution", contribution),
        "edit_deadline": contribution.created_at + conf.contribution_edit_window(),
    }


@personal.builds("notifications.follow")
def follow(request, *, contribution):
    user = request.user
    return {
        "following": is_following(user, contribution),
        "can_follow": user.is_authenticated and user.has_perm("contributions.follow_contribution", contribution),
    }


@personal.builds("contributions.comments")
def comments(request, *, contribution, comment_form=None):
    """The comments as this person sees them (their own waiting ones too, the links they may use)
    and the comment form if they may comment (`comment_form`: one with errors, after a POST). The
    list is read only when its rendering is not kept for people with the same links
    (`comments_list_key`)."""
    user = request.user
    can_comment = user.has_perm("contributions.add_comment", contribution)
    number = request.GET.get("commenti") or 1
    querystring = querystring_without(request, "commenti")

    def page():
        shown = shown_comments(contribution, number, viewer=user)
        decorate_comments(shown.object_list, user=user, can_comment=can_comment)
        return shown

    return {
        "comments": SimpleLazyObject(page),
        "comments_key": comments_list_key(contribution, number, viewer=user, can_comment=can_comment, querystring=querystring),
        "comments_querystring": querystring,
        "can_comment": can_comment,
        "comment_form": comment_form or (CommentForm() if can_comment else None),
    }
