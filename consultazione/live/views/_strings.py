"""Strings the live scripts show, translated here and passed with json_script (no text in the JS)."""

from django.utils.translation import gettext as _
from django.utils.translation import npgettext

from .. import kinds


def _plural(translate) -> dict[str, str]:
    """Both forms of a counted string: the JS picks `one` or `other` by the count (lib/live/dom.js
    `plural`). Italian and English have these two forms; ngettext answers for 1 and for many.
    Each caller writes its own `npgettext("live", …)` with literal strings, so that makemessages
    extracts them. Context "live": "%(n)s risposta" is a reply elsewhere, an answer to a poll here."""
    return {"one": translate(1), "other": translate(2)}


def screen_strings() -> dict[str, str | dict[str, str]]:
    return kinds.screen_strings() | {
        "status_connecting": _("Connessione…"),
        "status_online": _("Collegato"),
        "status_reconnecting": _("Connessione persa: riprovo…"),
        "status_polling": _("Collegamento lento: aggiorno ogni pochi secondi"),
        "status_refused": _("Collegamento rifiutato"),
        "waiting": _("In attesa della prossima domanda…"),
        "ended_title": _("Sessione conclusa"),
        "ended": _("La sessione è conclusa. Grazie per aver partecipato!"),
        "results_title": _("Risultati"),
        "closed": _("Votazione chiusa"),
        "send": _("Invia"),
        "change": _("Cambia risposta"),
        "sending": _("Invio in corso…"),
        "queued": _("Senza connessione: la risposta partirà appena possibile."),
        "thanks": _("Risposta registrata."),
        "recorded": _("La tua risposta è registrata."),
        "recorded_changeable": _("La tua risposta è registrata: puoi cambiarla finché la domanda è aperta."),
        "choose_up_to": _plural(lambda n: npgettext("live", "Scegli fino a %(n)s opzione.", "Scegli fino a %(n)s opzioni.", n)),
        "max_choices": _plural(
            lambda n: npgettext("live", "Puoi scegliere al massimo %(n)s opzione.", "Puoi scegliere al massimo %(n)s opzioni.", n)
        ),
        "rank_help": _("Metti in ordine: in alto ciò che per te viene prima."),
        "move_up": _("Sposta su: %(label)s"),
        "move_down": _("Sposta giù: %(label)s"),
        "word_n": _("Parola %(n)s"),
        "text_label": _("La tua risposta"),
        "ask_label": _("La tua domanda"),
        "enter_help": _("Invio per inviare, Maiusc+Invio per andare a capo."),
        "ask": _("Invia la domanda"),
        "yours": _("Hai inviato"),
        "entry_pending": _("in attesa di moderazione"),
        "entry_approved": _("pubblicata"),
        "entry_rejected": _("non pubblicata"),
        "entry_now_approved": _("Il tuo testo «%(text)s» è stato pubblicato."),
        "entry_now_rejected": _("Il tuo testo «%(text)s» non è stato pubblicato dalla moderazione."),
        "results_after_answer": _("I risultati compaiono qui dopo che hai risposto."),
        "audience_questions": _("Domande del pubblico: sostieni quelle che vuoi sentire"),
        "upvote_label": _plural(
            lambda n: npgettext(
                "live", "Sostieni la domanda: %(text)s (%(n)s sostegno)", "Sostieni la domanda: %(text)s (%(n)s sostegni)", n
            )
        ),
        "answers": _plural(lambda n: npgettext("live", "%(n)s risposta", "%(n)s risposte", n)),
        "participants": _plural(lambda n: npgettext("live", "%(n)s partecipante", "%(n)s partecipanti", n)),
        "count": _("%(n)s (%(pct)s%%)"),
        "points": _plural(lambda n: npgettext("live", "%(n)s punto", "%(n)s punti", n)),
        "average": _("Media: %(avg)s"),
        "upvotes": _plural(lambda n: npgettext("live", "%(n)s sostegno", "%(n)s sostegni", n)),
        "pinned": _("in evidenza"),
        "answered": _("risposta data"),
        "no_entries": _("Ancora nessun testo pubblicato."),
        "no_question": _("Nessuna domanda sullo schermo"),
        "queue_empty": _("Nessun testo da moderare."),
        "approve": _("Approva"),
        "pin": _("In evidenza"),
        "reject": _("Respingi"),
        "published": _("Pubblicate"),
        "mark_answered": _("Risposta data"),
        "unanswered": _("Da rispondere"),
        "unpin": _("Togli evidenza"),
    }
