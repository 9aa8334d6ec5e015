"""Contributions and comments are both moderated: a few helpers treat them alike."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from consultazione.contributions.models import Comment, Contribution


class ItemType(models.TextChoices):
    CONTRIBUTION = "contribution", _("Contributo")
    COMMENT = "comment", _("Commento")


MODELS = {ItemType.CONTRIBUTION: Contribution, ItemType.COMMENT: Comment}


def item_type(item) -> ItemType:
    return ItemType.COMMENT if isinstance(item, Comment) else ItemType.CONTRIBUTION


def item_contribution(item) -> Contribution:
    """The contribution an item belongs to (itself for a contribution): scope and process live there."""
    return item.contribution if isinstance(item, Comment) else item


def item_target_fields(item) -> dict:
    """Keyword arguments that point a Decision or a Report at the item."""
    return {"comment": item} if isinstance(item, Comment) else {"contribution": item}


def item_label(item) -> str:
    if isinstance(item, Comment):
        return _("commento al contributo «%(title)s»") % {"title": item.contribution.title}
    return _("contributo «%(title)s»") % {"title": item.title}


def item_status_label(item) -> str:
    return item.get_status_display()
