"""Meetings and live polls (/incontri/, /live/)."""

from .walker import pk, row


def meeting(w):
    return {"slug": w.meeting.slug}


def table(w):
    return {"slug": w.meeting.slug, "position": w.table.position}


def in_meeting(attr: str):
    return lambda w: {"slug": w.meeting.slug, "pk": getattr(w, attr).pk}


def session(pk_of: str = "", **fixed):
    """The live session's code, the pk of world.<pk_of> and fixed arguments (action, source)."""

    def kwargs(w):
        return {"code": w.session.code, **fixed, **({"pk": getattr(w, pk_of).pk} if pk_of else {})}

    return kwargs


ROWS = [
    #                                                   anonymous citizen moderator facilitator staff
    # meetings
    row("meetings:list", get="200 200 200 200 200"),
    # staff create, edit and cancel meetings in the site (an empty form: 400, nothing saved)
    row("meetings:new", get="login 403 403 403 200", post="login 403 403 403 400"),
    row("meetings:edit", meeting, get="login 403 403 403 200", post="login 403 403 403 400"),
    row("meetings:cancel_meeting", meeting, get="login 403 403 403 200", post="login 403 403 403 400"),
    row("meetings:my_registrations", get="login 200 200 200 200"),
    row("meetings:my_registration_cancel", pk("registration"), get="login 405 405 405 405", post="login 404 404 404 404"),
    row(
        "meetings:my_registration_cancel[own]", pk("own_registration"), get="login 405 405 405 405", post="login 302 404 404 404"
    ),
    row("meetings:my_tables", get="login 200 200 200 200"),
    # the signed token of the confirmation email is the credential
    row("meetings:cancel", lambda w: {"token": w.cancel_token}, get="200 200 200 200 200", post="302 302 302 302 302"),
    row("meetings:detail", meeting, get="200 200 200 200 200"),
    row("meetings:register", lambda w: {"slug": w.online_meeting.slug}, get="200 200 200 200 200", post="400 400 400 400 400"),
    row("meetings:calendar", meeting, get="200 200 200 200 200"),
    # the facilitator runs a table of this meeting: check-in and table notes, no personal data
    row("meetings:manage", meeting, get="login 403 403 200 200"),
    row("meetings:registrations", meeting, get="login 403 403 403 200"),
    row("meetings:registration_confirm", in_meeting("registration"), get="405 405 405 405 405", post="login 403 403 403 302"),
    row("meetings:registration_cancel", in_meeting("registration"), get="405 405 405 405 405", post="login 403 403 403 302"),
    row("meetings:import", meeting, get="login 403 403 403 200", post="login 403 403 403 400"),
    row("meetings:attendance", meeting, get="login 403 403 403 200"),
    row("meetings:attendance_export", meeting, get="login 403 403 403 200"),
    row("meetings:checkin", meeting, get="login 403 403 200 200", post="login 403 403 400 400"),
    row("meetings:checkin_registration", in_meeting("registration"), get="405 405 405 405 405", post="login 403 403 403 302"),
    row("meetings:attendance_remove", in_meeting("attendance"), get="405 405 405 405 405", post="login 403 403 302 302"),
    row("meetings:table", table, get="login 403 403 200 200", post="login 403 403 200 200"),
    # live polls
    row("live:join", get="200 200 200 200 200", post="200 200 200 200 200"),
    # any facilitator may run any session (live.run_livesession)
    row("live:session_list", get="login 403 403 200 200"),
    row("live:session_new", get="login 403 403 200 200", post="login 403 403 200 200"),
    # participants join with the code alone: phone, projector and QR are public
    row("live:phone", session(), get="200 200 200 200 200"),
    row("live:join_session", session(), get="405 405 405 405 405", post="302 302 302 302 302"),
    row("live:projector", session(), get="200 200 200 200 200"),
    row("live:qr", session(), get="200 200 200 200 200"),
    row("live:presenter", session(), get="login 403 403 200 200"),
    row("live:session_edit", session(), get="login 403 403 200 200", post="login 403 403 200 200"),
    row("live:checkin_codes", session(), get="login 403 403 200 200", post="login 403 403 200 200"),
    row("live:results_csv", session(), get="login 403 403 200 200"),
    row("live:session_control", session(action="join_screen"), get="405 405 405 405 405", post="login 403 403 302 302"),
    row("live:question_new", session(), get="login 403 403 200 200", post="login 403 403 200 200"),
    row("live:question_new_from", session(source="axis"), get="login 403 403 200 200", post="login 403 403 200 200"),
    row("live:question_edit", session("question"), get="login 403 403 200 200", post="login 403 403 200 200"),
    row("live:question_control", session("question", action="reveal"), get="405 405 405 405 405", post="login 403 403 302 302"),
    row("live:entry_control", session("entry", action="approve"), get="405 405 405 405 405", post="login 403 403 302 302"),
]
