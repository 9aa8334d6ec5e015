"""Requests to represent an organisation: the request page (/organizzazioni/richiesta/), the staff
queue (/organizzazioni/richieste/) and their API (organisations, memberships, membership-requests)."""

from .walker import api, pk, row


def existing(w):
    return {"organisation": w.membership.organisation_id, "role_title": "Referente"}


def reason(w):
    return {"reason": "Non risulti tra i soci."}


ROWS = [
    #                                                   anonymous citizen moderator facilitator staff
    # an empty POST is a bound form without a choice: the page again with the errors
    row("stakeholders:request", get="login 200 200 200 200", post="login 400 400 400 400"),
    row("stakeholders:queue", get="login 403 403 403 200"),
    row("stakeholders:verify", pk("membership"), get="login 405 405 405 405", post="login 403 403 403 302"),
    # no reason given: the queue again with the error on that request
    row("stakeholders:refuse", pk("membership"), get="login 405 405 405 405", post="login 403 403 403 400"),
    # API
    api("organisation-list", get="200 200 200 200 200"),
    api("membership-list", data=existing, get="403 200 200 200 200", post="403 201 201 201 201"),
    api("membership-request-list", get="403 403 403 403 200"),
    api("membership-request-detail", pk("membership"), get="403 403 403 403 200"),
    api("membership-request-verify", pk("membership"), get="403 403 403 403 405", post="403 403 403 403 200"),
    api("membership-request-refuse", pk("membership"), data=reason, get="403 403 403 403 405", post="403 403 403 403 200"),
]
