"""Whether a contribution or a comment may be mentioned in a notification: only what anyone may
read on the site. The rule belongs to the contributions app, which registers it under these
names (contributions/rules.py): this app sits below it and does not import it."""

import rules

CONTRIBUTION_RULE = "contributions.is_public"
COMMENT_RULE = "contributions.comment_is_public"


def contribution_is_public(contribution) -> bool:
    return contribution is not None and rules.test_rule(CONTRIBUTION_RULE, None, contribution)


def comment_is_public(comment) -> bool:
    return comment is not None and rules.test_rule(COMMENT_RULE, None, comment)


def notification_is_public(notification) -> bool:
    if notification.comment_id is not None:
        return comment_is_public(notification.comment)
    return contribution_is_public(notification.contribution)
