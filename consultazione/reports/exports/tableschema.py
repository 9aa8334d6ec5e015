"""The Table Schema (Frictionless) of each open-data table: every field has a type, so readers
keep ISTAT codes as text ("001078", never 1078), read dates as dates and counts as integers.

The builders in opendata.py write the columns; `schema_for` refuses a table whose headers are not
exactly the declared fields, so a new column cannot ship untyped. Patterns follow Table Schema
(XML Schema regular expressions, implicitly anchored)."""

from consultazione.contributions.models import ContributionKind
from consultazione.process.models import PlanRole

ISTAT = r"[0-9]{6}"
STRATEGY = r"[0-9]+\.[0-9]+"
ACTION = r"[0-9]+\.[0-9]+\.[0-9]+"
SLUG = r"[-a-zA-Z0-9_]+"
NUMBER_LIST = r"([0-9]+(;[0-9]+)*)?"
AXIS_LIST = r"([-a-zA-Z0-9_]+:[0-9]+(;[-a-zA-Z0-9_]+:[0-9]+)*)?"


def _field(name: str, type_: str, description: str, *, required=False, pattern=None, enum=None, minimum=None) -> dict:
    field = {"name": name, "type": type_, "description": description}
    constraints = {}
    if required:
        constraints["required"] = True
    if pattern:
        constraints["pattern"] = pattern
    if enum:
        constraints["enum"] = list(enum)
    if minimum is not None:
        constraints["minimum"] = minimum
    if constraints:
        field["constraints"] = constraints
    return field


def _string(name, description, **kw):
    return _field(name, "string", description, **kw)


def _integer(name, description, **kw):
    return _field(name, "integer", description, **kw)


def _count(name, description):
    return _field(name, "integer", description, required=True, minimum=0)


def _datetime(name, description, **kw):
    return _field(name, "datetime", description, **kw)


PLAN = _string("piano", "Identificativo del piano (slug): i codici di assi e strategie si ripetono tra i piani", pattern=SLUG)
PLAN_NAME = _string("nome_piano", "Titolo del piano")

SCHEMAS: dict[str, dict] = {
    "piano": {
        "fields": [
            PLAN,
            PLAN_NAME,
            _string(
                "ruolo_piano",
                "Ruolo del piano nel processo: working (piano in costruzione), revised (piano in vigore revisionato)",
                required=True,
                enum=PlanRole.values,
            ),
            _string("livello", "Livello: asse, strategia o azione", required=True, enum=["asse", "strategia", "azione"]),
            _string("codice", "Codice dell'asse (1), della strategia (1.2) o dell'azione (1.2.3)", required=True),
            _string("codice_superiore", "Codice dell'asse o della strategia a cui appartiene (vuoto per un asse)"),
            _string("titolo", "Titolo", required=True),
        ],
    },
    "territorio": {
        "fields": [
            _string("codice_istat", "Codice ISTAT del comune (6 cifre, con gli zeri iniziali)", required=True, pattern=ISTAT),
            _string("comune", "Nome del comune", required=True),
            _integer("zona_omogenea", "Numero della zona omogenea"),
            _string("nome_zona_omogenea", "Nome della zona omogenea"),
            _string("macro_area", "Codice della macro-area"),
            _string("nome_macro_area", "Nome della macro-area"),
        ],
        "primaryKey": ["codice_istat"],
    },
    "incontri": {
        "fields": [
            _string("incontro", "Identificativo dell'incontro (slug)", required=True, pattern=SLUG),
            _string("titolo", "Titolo", required=True),
            _string("tipo", "Tipo di incontro (codice)", required=True),
            _string("modalita", "Modalità: presenza, online, mista (codice)", required=True),
            _datetime("inizio", "Inizio (ISO 8601, con fuso orario)", required=True),
            _datetime("fine", "Fine (ISO 8601, con fuso orario)"),
            _string("comune_istat", "Codice ISTAT del comune della sede", pattern=ISTAT),
            _string("macro_area", "Codice della macro-area"),
            _string(
                "assi",
                "Assi trattati, ciascuno come piano:numero (es. psm-2024-2026:3), separati da punto e virgola",
                pattern=AXIS_LIST,
            ),
            _string("zone_omogenee", "Numeri delle zone omogenee, separati da punto e virgola", pattern=NUMBER_LIST),
            _count("iscritti_confermati", "Iscrizioni confermate"),
            _count("presenze", "Presenze registrate"),
        ],
        "primaryKey": ["incontro"],
    },
    "incontri_presenze": {
        "fields": [
            _string("incontro", "Identificativo dell'incontro (slug)", required=True, pattern=SLUG),
            _string("categoria", "Codice della categoria di portatori di interesse (vuoto: a titolo personale)"),
            _string("nome_categoria", "Nome della categoria", required=True),
            _count("presenze", "Presenze"),
        ],
    },
    "contributi": {
        "fields": [
            _string("codice", "Codice del contributo", required=True),
            _datetime("data_pubblicazione", "Data di pubblicazione (ISO 8601, con fuso orario)", required=True),
            _string("tipo", "Tipo (codice)", required=True, enum=ContributionKind.values),
            _string("nome_tipo", "Tipo", required=True),
            PLAN,
            PLAN_NAME,
            _integer("asse", "Numero dell'asse del piano (i numeri si ripetono da un piano all'altro: leggere con «piano»)"),
            _string("strategia", "Codice della strategia", pattern=STRATEGY),
            _string("azione", "Codice dell'azione", pattern=ACTION),
            _integer("zona_omogenea", "Numero della zona omogenea"),
            _string("comune_istat", "Codice ISTAT del comune", pattern=ISTAT),
            _string("categoria_portatore_interesse", "Categoria dell'organizzazione per cui è stato scritto (codice)"),
            _string("fase", "Fase del processo (codice)"),
            _string("canale", "Canale (codice)", required=True),
            _string("nome_canale", "Canale", required=True),
            _string("stato", "Stato di moderazione (codice)", required=True),
            _string("esito", "Esito (codice)"),
            _string("nome_esito", "Esito"),
            _datetime("data_esito", "Data dell'esito (ISO 8601, con fuso orario)"),
            _string("titolo", "Titolo (o «[testo rimosso: dati personali]»)", required=True),
            _string("testo", "Testo (o «[testo rimosso: dati personali]»)", required=True),
            _count("sostegni", "Sostegni ricevuti"),
            _count("commenti", "Commenti pubblicati"),
        ],
        "primaryKey": ["codice"],
    },
    "partecipazione": {
        "fields": [
            _string("indicatore", "Indicatore (definizioni nella pagina «Dati», sezione «Come si calcolano»)", required=True),
            _string("chiave", "Chiave della voce (codice; per gli assi piano:numero), vuota per il totale"),
            _string("etichetta", "Etichetta della voce", required=True),
            _count("valore", "Valore"),
        ],
    },
}


def schema_for(dataset: str, headers: list[str]) -> dict:
    """The Table Schema of `dataset`; raises if the written headers are not the declared fields."""
    schema = SCHEMAS[dataset]
    declared = [field["name"] for field in schema["fields"]]
    if declared != list(headers):
        raise ValueError(f"open data {dataset}: columns {headers} differ from the Table Schema {declared}")
    return {"missingValues": [""], **schema}
