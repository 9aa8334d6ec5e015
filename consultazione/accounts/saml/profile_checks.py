"""What the AgID SPID/CIE profile asks of a response beyond SAML core (pysaml2 checks the core).

Each rule is one line of the table below, named after the spid-sp-test response tests it answers;
`profile_problem` returns the first rule a response breaks, or None.
"""

import calendar

from saml2.saml import NAMEID_FORMAT_ENTITY, NAMEID_FORMAT_TRANSIENT
from saml2.time_util import str_to_time, utc_now

from .config import ACCEPTED_TIME_DIFF


def _time(value: str | None) -> int | None:
    try:
        return calendar.timegm(str_to_time(value)) if value else None
    except (TypeError, ValueError):
        return None


def _confirmation_data(assertion):
    for confirmation in assertion.subject.subject_confirmation if assertion.subject else []:
        if confirmation.subject_confirmation_data is not None:
            yield confirmation.subject_confirmation_data


def _rules(response, assertion, request: dict, acs_url: str):
    name_id = assertion.subject.name_id if assertion.subject else None
    issued = _time(assertion.issue_instant)
    asked = _time(request.get("issued"))
    data = list(_confirmation_data(assertion))
    conditions = assertion.conditions
    yield "Response Destination is the ACS (tests 19-20)", response.destination == acs_url
    yield (
        "Response Issuer Format absent or entity (test 30)",
        response.issuer is None or response.issuer.format in (None, NAMEID_FORMAT_ENTITY),
    )
    yield "Assertion Version 2.0 (test 35)", assertion.version == "2.0"
    yield (
        "Assertion IssueInstant after the request's and not in the future (tests 39-40)",
        issued is not None
        and (asked is None or issued >= asked - ACCEPTED_TIME_DIFF)
        and issued <= utc_now() + ACCEPTED_TIME_DIFF,
    )
    yield "NameID present (tests 43-44)", bool(name_id is not None and (name_id.text or "").strip())
    yield "NameID Format transient (tests 45-47)", name_id is not None and name_id.format == NAMEID_FORMAT_TRANSIENT
    yield "NameID NameQualifier (tests 48-49)", bool(name_id is not None and name_id.name_qualifier)
    yield "SubjectConfirmationData Recipient is the ACS (test 59)", bool(data) and all(d.recipient == acs_url for d in data)
    yield "SubjectConfirmationData NotOnOrAfter (test 64)", bool(data) and all(d.not_on_or_after for d in data)
    yield (
        "Assertion Issuer Format entity (tests 70-72)",
        assertion.issuer is not None and assertion.issuer.format == NAMEID_FORMAT_ENTITY,
    )
    yield "Conditions present (tests 73-74)", conditions is not None and bool(conditions.audience_restriction)
    yield "Conditions NotBefore (test 76)", conditions is not None and bool(conditions.not_before)


def profile_problem(response, assertion, *, request: dict, acs_url: str) -> str | None:
    for rule, ok in _rules(response, assertion, request, acs_url):
        if not ok:
            return rule
    return None
