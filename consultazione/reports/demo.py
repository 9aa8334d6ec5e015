"""Demo: a draft final report with some synthesis text, ready to preview, print and publish."""

from consultazione.accounts.models import User
from consultazione.accounts.roles import Role
from consultazione.process.models import Process

from .final_report.services import participation_report_ensure, participation_report_update

SYNTHESES = {
    1: {
        "criticita": "Difficoltà di accesso al credito per le piccole imprese delle valli; poca connessione in banda ultralarga.",
        "proposals": "Spazi di coworking nei comuni montani; sportelli unici per chi apre un'impresa.",
        "outcomes": "Le proposte sugli spazi di lavoro condivisi sono state integrate nella strategia 1.1.",
    },
    3: {
        "criticita": "Collegamenti serali e festivi insufficienti tra le valli e il capoluogo.",
        "proposals": "Trasporto a chiamata nelle aree a domanda debole; parcheggi di interscambio presso le stazioni.",
        "territorial": "Nelle zone montane la priorità più votata è la mobilità; nell'area torinese, la ciclabilità.",
    },
}


def demo_load(*, process: Process, users: dict) -> int:
    actor = User.objects.filter(groups__name=Role.STAFF).order_by("id").first() or User.objects.filter(is_superuser=True).first()
    if actor is None:
        return 0
    report = participation_report_ensure(actor=actor, process=process)
    by_code = {s.axis.code: s.axis_id for s in report.axis_syntheses.select_related("axis")}
    participation_report_update(
        actor=actor,
        report=report,
        fields={
            "introduction": "Chi ha partecipato, che cosa ha detto e come i contributi sono stati usati.",
            "plan_changes": "I contributi accolti sono confluiti nelle strategie indicate nella tabella; quelli non accolti "
            "hanno ricevuto una motivazione pubblica.",
        },
        syntheses={by_code[code]: texts for code, texts in SYNTHESES.items() if code in by_code},
    )
    return 1
