"""How a contribution and a comment are presented to the public, for the pages (through the
template filters in templatetags.contributions_tags) and the API alike."""

from django.utils.translation import gettext as _

from .models import Channel


def author_label(contribution) -> str:
    """The public name: the organisation for "on behalf of", else the pseudonym, else the channel."""
    if contribution.organisation_id:
        return contribution.organisation.name
    if contribution.author_id:
        return contribution.author.display_name
    if contribution.channel != Channel.ONLINE:
        return _("%(channel)s (inserito dai facilitatori)") % {"channel": contribution.get_channel_display()}
    return _("Partecipante")


def comment_author(comment) -> str:
    """A comment's public name: the pseudonym of its author."""
    return comment.author.display_name if comment.author_id else _("Partecipante")
