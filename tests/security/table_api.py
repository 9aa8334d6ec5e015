"""The REST API (/api/v1/ router, schema, docs). Anonymous requests get 403, not 401: the first
authentication class is the session one, which sends no WWW-Authenticate challenge."""

from .walker import api, pk


def contribution(w):
    return {"reference": w.contribution.reference}


def session(w):
    return {"code": w.session.code}


def in_session(w):
    return {"session_code": w.session.code}


def in_session_question(w):
    return {"session_code": w.session.code, "pk": w.question.pk}


def in_session_entry(w):
    return {"session_code": w.session.code, "pk": w.entry.pk}


def moderate(w):
    return {"action": "approve"}


def new_session(w):
    return {"title": "Plenaria da uno strumento"}


def new_question(w):
    return {"kind": "single", "text": "Treno o bus?", "options": [{"label": "Treno"}, {"label": "Bus"}]}


def order(w):
    return {"ids": [w.question.pk]}


def preview(w):
    return {"source": "axis", "axis": w.plan.axes.get(code=1).pk}


# Valid bodies where the permission is checked by the service, after the input is validated:
# an empty body would stop at 400 before the permission is ever asked.
def item(w):
    return {"content_type": "contribution", "id": w.contribution.pk}


def report(w):
    return {**item(w), "reason_code": "spam"}


def support(w):
    return {"contribution": w.contribution.pk}


def decision(w):
    return {**item(w), "expected_state": "published", "action": "hide", "reason_code": "spam", "reason_text": "Pubblicità."}


def bulk(w):
    return {"items": [{**item(w), "expected_state": "published"}], "action": "hide", "reason_code": "spam", "reason_text": "x"}


def netiquette(w):
    return {
        "content_type": "comment",
        "id": w.comment.pk,
        "body": "Sono d'accordo, servono corse serali.",
        "reason_code": "offensive",
        "reason_text": "Tolta un'espressione offensiva.",
    }


def retitle(w):
    return {"title": "Un titolo nuovo per la proposta"}


def retag(w):
    return {"contribution": w.contribution.pk, "axis": w.plan.axes.get(code=2).pk}


def merge(w):
    return {"target": w.contribution.pk, "sources": [w.own.pk]}


def outcome(w):
    return {"contribution": w.contribution.pk, "outcome": "accolto", "motivation": "Previsto nel piano."}


def thematic(w):
    return {
        "process": w.process.slug,
        "title": "Trasporti",
        "text": "Risposta.",
        "outcome": "accolto",
        "contributions": [w.contribution.pk],
    }


def block(w):
    return {"user": w.author.pk, "reason": "Messaggi offensivi ripetuti."}


def exercise(w):
    return {"process": w.process.slug, "title": "Nuove priorità", "method": "dots", "scope": "plan"}


def export(w):
    return {"process": w.process.slug, "kind": "csv", "dataset": "contributions"}


def measure(w):
    return {"date": "2024-06-30", "value": "42.5", "unit": w.indicator.unit}


ROWS = [
    #                                                   anonymous citizen moderator facilitator staff
    api("api-root", get="200 200 200 200 200"),
    api("api-schema", get="200 200 200 200 200"),
    api("api-docs", get="200 200 200 200 200"),
    api("api-not-found", lambda w: {"path": "v1/non-esiste/"}, get="404 404 404 404 404", post="404 404 404 404 404"),
    # contributions
    api("contribution-list", get="200 200 200 200 200", post="403 400 400 400 400"),
    # PUT does not exist (405); PATCH edits one's own contribution only (staff and superusers too get 403)
    api(
        "contribution-detail",
        contribution,
        data=retitle,
        get="200 200 200 200 200",
        put="403 405 405 405 405",
        patch="403 403 403 403 403",
    ),
    api("contribution-detail[own]", lambda w: {"reference": w.own.reference}, data=retitle, patch="403 200 403 403 403"),
    api("contribution-detail[pending]", lambda w: {"reference": w.pending.reference}, get="404 404 200 404 200"),
    api(
        "contribution-detail[merged]",
        lambda w: {"reference": w.merged.reference},
        data=retitle,
        get="200 200 200 200 200",
        patch="403 403 403 403 403",
    ),
    api("contribution-comments", contribution, get="200 200 200 200 200", post="403 400 400 400 400"),
    api(
        "contribution-comments[pending]",
        lambda w: {"reference": w.pending.reference},
        get="404 404 200 404 200",
        post="403 404 400 404 400",
    ),
    api("contribution-withdraw", contribution, get="405 405 405 405 405", post="403 403 403 403 403"),
    api("contribution-withdraw[own]", lambda w: {"reference": w.own.reference}, post="403 200 403 403 403"),
    # live
    # the control API (api/live_manage.py): facilitators and staff; the walker's session has an open
    # free-text question with an answer waiting (so it cannot be deleted, edited, or "next"-ed past)
    api("live-session-list", data=new_session, get="403 403 403 200 200", post="403 403 403 201 201"),
    api(
        "live-session-detail",
        session,
        data=new_session,
        get="403 403 403 200 200",
        put="403 403 403 200 200",
        patch="403 403 403 200 200",
        delete="403 403 403 409 409",
    ),
    api("live-session-next", session, get="403 403 403 405 405", post="403 403 403 409 409"),
    api("live-session-join-screen", session, post="403 403 403 200 200"),
    api("live-session-question-screen", session, post="403 403 403 200 200"),
    api("live-session-end", session, get="403 403 403 405 405", post="403 403 403 200 200"),
    api("live-question-list", in_session, data=new_question, get="403 403 403 200 200", post="403 403 403 201 201"),
    api(
        "live-question-detail",
        in_session_question,
        data=new_question,
        get="403 403 403 200 200",
        put="403 403 403 409 409",
        patch="403 403 403 409 409",
        delete="403 403 403 409 409",
    ),
    api("live-question-order", in_session, data=order, post="403 403 403 200 200"),
    api("live-question-preview", in_session, data=preview, post="403 403 403 200 200"),
    api("live-question-open", in_session_question, get="403 403 403 405 405", post="403 403 403 409 409"),
    api("live-question-close", in_session_question, post="403 403 403 200 200"),
    api("live-question-reveal", in_session_question, post="403 403 403 400 400"),
    api("live-question-hide", in_session_question, post="403 403 403 400 400"),
    api("live-question-reset", in_session_question, post="403 403 403 200 200"),
    api("live-question-show", in_session_question, post="403 403 403 200 200"),
    api("live-entry-list", in_session, get="403 403 403 200 200", post="403 403 403 405 405"),
    api("live-entry-detail", in_session_entry, get="403 403 403 200 200", delete="403 403 403 405 405"),
    api("live-entry-moderate", in_session_entry, data=moderate, post="403 403 403 200 200"),
    api("live-session-commands", session, get="403 403 403 405 405", post="403 403 403 403 403"),
    api("live-session-results", session, get="403 403 403 200 200"),
    api("live-session-snapshot", session, get="200 200 200 200 200"),
    # meetings
    api("meeting-list", get="200 200 200 200 200", post="403 403 403 403 400"),
    # PATCH with an empty body changes nothing (200 for staff); cancel without a reason is 400
    api("meeting-detail", lambda w: {"slug": w.meeting.slug}, get="200 200 200 200 200", patch="403 403 403 403 200"),
    api("meeting-cancel", lambda w: {"slug": w.meeting.slug}, get="405 405 405 405 405", post="403 403 403 403 400"),
    api("meeting-registration-list", get="403 200 200 200 200", post="403 400 400 400 400"),
    api("meeting-registration-detail", pk("registration"), get="403 404 404 404 404"),
    api("meeting-registration-detail[own]", pk("own_registration"), get="403 200 404 404 404"),
    api("meeting-registration-cancel", pk("registration"), get="403 405 405 405 405", post="403 404 404 404 404"),
    api("meeting-registration-cancel[own]", pk("own_registration"), post="403 200 404 404 404"),
    api("meeting-report-list", get="200 200 200 200 200"),
    api("meeting-report-detail", pk("meeting_report"), get="200 200 200 200 200"),
    # moderation
    api("moderation-queue-list", get="403 403 200 403 200"),
    api("moderation-decision-list", data=decision, get="403 403 200 403 200", post="403 403 201 403 201"),
    api("moderation-decision-bulk", data=bulk, get="403 403 405 403 405", post="403 403 200 403 200"),
    api("moderation-report-list", data=report, get="403 405 405 405 405", post="403 201 201 201 201"),
    api("moderation-report-dismiss", data=item, get="403 405 405 405 405", post="403 403 409 403 409"),
    api("moderation-curation-merge", data=merge, get="403 405 405 405 405", post="403 403 200 403 200"),
    api("moderation-curation-netiquette-edit", data=netiquette, get="403 405 405 405 405", post="403 403 200 403 200"),
    api("moderation-curation-retag", data=retag, get="403 405 405 405 405", post="403 403 200 403 200"),
    api("moderation-outcome-list", data=outcome, get="200 200 200 200 200", post="403 403 403 403 201"),
    api("moderation-thematic-response-list", data=thematic, get="200 200 200 200 200", post="403 403 403 403 201"),
    api("moderation-thematic-response-detail", pk("thematic"), get="200 200 200 200 200"),
    api("moderation-block-list", data=block, get="403 405 405 405 405", post="403 403 403 403 201"),
    api("moderation-block-unblock", data=block, get="403 405 405 405 405", post="403 403 403 403 409"),
    api("moderation-reason-list", get="200 200 200 200 200"),
    # monitoring
    api("monitoring-action-list", get="200 200 200 200 200"),
    api("monitoring-action-detail", pk("action"), get="200 200 200 200 200", patch="403 403 403 403 200"),
    api("monitoring-progress-list", get="200 200 200 200 200"),
    api("monitoring-indicator-detail", pk("indicator"), get="200 200 200 200 200"),
    api("monitoring-indicator-values", pk("indicator"), data=measure, get="405 405 405 405 405", post="403 403 403 403 201"),
    api("monitoring-import-list", json=False, get="403 403 403 403 405", post="403 403 403 403 400"),  # a multipart upload
    # reference data
    api("axis-list", get="200 200 200 200 200"),
    api("axis-detail", lambda w: {"pk": w.plan.axes.get(code=1).pk}, get="200 200 200 200 200"),
    api("zone-list", get="200 200 200 200 200"),
    api("zone-detail", pk("zone"), get="200 200 200 200 200"),
    api("comune-list", get="200 200 200 200 200"),
    api("comune-detail", pk("comune"), get="200 200 200 200 200"),
    api("macro-area-list", get="200 200 200 200 200"),
    api("macro-area-detail", pk("macro_area"), get="200 200 200 200 200"),
    api("process-list", get="200 200 200 200 200"),
    api("process-detail", lambda w: {"slug": w.process.slug}, get="200 200 200 200 200"),
    api(
        "process-activate-phase",
        lambda w: {"slug": w.process.slug},
        data=lambda w: {"phase": w.process.phases.get(force_active=True).pk},  # the phase already active: no change
        get="405 405 405 405 405",
        post="403 403 403 403 200",
    ),
    api("stakeholder-category-list", get="200 200 200 200 200"),
    api("stakeholder-category-detail", pk("category"), get="200 200 200 200 200"),
    # reports
    api("reports-statistics-list", get="200 200 200 200 200"),
    api("reports-dashboard-detail", lambda w: {"slug": w.process.slug}, get="200 200 200 200 200"),
    api("reports-open-data-detail", lambda w: {"slug": w.process.slug}, get="200 200 200 200 200"),
    api("reports-open-data-package", lambda w: {"slug": w.process.slug}, get="200 200 200 200 200"),
    api("reports-export-jobs-list", data=export, get="403 200 200 200 200", post="403 403 403 403 202"),
    api("reports-export-jobs-detail", pk("job"), get="403 404 404 404 200"),
    api("reports-export-jobs-retry", pk("job"), get="403 405 405 405 405", post="403 404 404 404 409"),
    # notifications: one's own follows and preferences (an empty PATCH is a 400)
    api("follow-list", data=support, get="403 200 200 200 200", post="403 201 201 201 201"),
    api("follow-detail", lambda w: {"contribution": w.contribution.pk}, get="403 405 405 405 405", delete="403 200 200 200 200"),
    api("follow-detail[pending]", lambda w: {"contribution": w.pending.pk}, delete="403 404 200 404 200"),
    api("notification-preferences", get="403 200 200 200 200", patch="403 400 400 400 400", post="403 405 405 405 405"),
    # voting
    api("support-list", data=support, get="403 200 200 200 200", post="403 201 201 201 201"),
    api("support-detail", lambda w: {"contribution": w.contribution.pk}, get="403 405 405 405 405", delete="403 409 409 409 409"),
    api("priority-exercise-list", data=exercise, get="200 200 200 200 200", post="403 403 403 403 201"),
    api("priority-exercise-detail", pk("exercise"), get="200 200 200 200 200"),
    api("priority-exercise-detail[draft]", pk("draft_exercise"), get="404 404 404 404 200"),
    api("priority-exercise-ballot", pk("exercise"), get="403 404 404 404 404", put="403 400 400 400 400"),
    api("priority-exercise-close", pk("exercise"), get="403 405 405 405 405", post="403 403 403 403 200"),
    api("priority-exercise-open", pk("draft_exercise"), get="403 405 405 405 405", post="403 404 404 404 200"),
    api("priority-exercise-results", pk("exercise"), get="200 200 200 200 200"),
    api("priority-exercise-results[draft]", pk("draft_exercise"), get="404 404 404 404 200"),
    api("priority-exercise-results[sealed]", pk("sealed_exercise"), get="403 403 403 403 200"),
]
