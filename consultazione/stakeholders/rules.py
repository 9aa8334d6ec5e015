import rules

from consultazione.accounts.rules import is_active_citizen, is_staff_member

from .selectors import user_is_representative, user_represents


@rules.predicate
def represents(user, organisation) -> bool:
    return organisation is not None and user_represents(user, organisation)


@rules.predicate
def is_representative(user) -> bool:
    return user_is_representative(user)


rules.add_perm("stakeholders.act_for_organisation", represents)
# Asking to represent an organisation: a verified, unblocked account (the request waits for staff).
rules.add_perm("stakeholders.request_membership", is_active_citizen)
# The queue of requests, with the requesters' emails, and the decisions on them: staff only.
rules.add_perm("stakeholders.verify_membership", is_staff_member)
