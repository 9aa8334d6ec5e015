from .browse import contribution_detail_page, contribution_list, similar
from .comments import comment_create, comment_delete, comment_edit, replies
from .follow import follow, unfollow
from .submit import contribution_create, contribution_edit, contribution_withdraw, facilitated_create

__all__ = [
    "comment_create",
    "comment_delete",
    "comment_edit",
    "contribution_create",
    "contribution_detail_page",
    "contribution_edit",
    "contribution_list",
    "contribution_withdraw",
    "facilitated_create",
    "follow",
    "replies",
    "similar",
    "unfollow",
]
