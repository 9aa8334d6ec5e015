import rules

from consultazione.accounts.rules import is_staff_member

from .selectors import user_is_representative, user_represents


@rules.predicate
def represents(user, organisation) -> bool:
    return organisation is not None and user_represents(user, organisation)


@rules.predicate
def is_representative(user) -> bool:
    return user_is_representative(user)


rules.add_perm("stakeholders.act_for_organisation", represents)
rules.add_perm("stakeholders.verify_membership", is_staff_member)
