"""Monitoring and data (/monitoraggio/, /dati/)."""

from .walker import pk, row


def plan(w):
    return {"slug": w.plan.slug}


def process(w):
    return {"slug": w.process.slug}


def restituzione(w):
    return {"slug": w.meeting.slug}


ROWS = [
    #                                                   anonymous citizen moderator facilitator staff
    # monitoring
    row("monitoring:index", get="200 200 200 200 200"),
    row("monitoring:comparison", get="200 200 200 200 200"),
    # steering committee (and staff)
    row("monitoring:steering", get="login 403 403 403 200"),
    row("monitoring:comment_create", pk("update"), get="405 405 405 405 405", post="login 403 403 403 302"),
    row("monitoring:proposal_poll", pk("update"), get="405 405 405 405 405", post="login 403 403 403 302"),
    row("monitoring:plan", plan, get="200 200 200 200 200"),
    row("monitoring:axis", lambda w: {**plan(w), "code": 1}, get="200 200 200 200 200"),
    row("monitoring:action_list", plan, get="200 200 200 200 200"),
    row("monitoring:action_detail", lambda w: {**plan(w), "code": w.action.code}, get="200 200 200 200 200"),
    row("monitoring:export", lambda w: {**plan(w), "fmt": "csv"}, get="200 200 200 200 200"),
    row("monitoring:export[xlsx]", lambda w: {**plan(w), "fmt": "xlsx"}, get="200 200 200 200 200"),
    # restituzione of a meeting
    row("reports:restituzione", restituzione, get="login 403 403 403 200", post="login 403 403 403 400"),
    row("reports:restituzione_build", restituzione, get="405 405 405 405 405", post="login 403 403 403 302"),
    row("reports:restituzione_publish", restituzione, get="405 405 405 405 405", post="login 403 403 403 302"),
    row("reports:restituzione_pdf", restituzione, get="200 200 200 200 200"),
    # draft files and staff export jobs answer 403 to anonymous visitors, not a login redirect
    row("reports:restituzione_pdf[draft]", restituzione, query="bozza=1", get="403 403 403 403 200"),
    row("reports:restituzione_docx", restituzione, get="200 200 200 200 200"),
    # dashboards, open data, exports, final report
    row("reports:dashboard", get="200 200 200 200 200"),
    row("reports:open_data", get="200 200 200 200 200"),
    row("reports:open_data_package", process, get="200 200 200 200 200"),
    row("reports:open_data_metadata", process, get="200 200 200 200 200"),
    row("reports:open_data_catalogue", get="200 200 200 200 200"),
    row("reports:open_data_catalogue_turtle", get="200 200 200 200 200"),
    row("reports:job_detail", pk("job"), get="login 403 403 403 200"),
    row("reports:job_status", pk("job"), get="403 403 403 403 200"),
    row("reports:job_download", pk("job"), get="login 403 403 403 200"),
    row("reports:job_retry", pk("job"), get="405 405 405 405 405", post="403 403 403 403 302"),
    row("reports:process_dashboard", process, get="200 200 200 200 200"),
    row("reports:exports", process, get="login 403 403 403 200", post="login 403 403 403 400"),
    row("reports:report_preview", process, get="login 403 403 403 200"),
    row("reports:report_edit", process, get="login 403 403 403 200", post="login 403 403 403 400"),
    row("reports:report_pdf", process, get="login 405 405 405 405", post="login 403 403 403 302"),
    row("reports:report_publish", process, get="login 405 405 405 405", post="login 403 403 403 302"),
]
