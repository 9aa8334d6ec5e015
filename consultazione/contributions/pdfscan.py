"""What an uploaded PDF may not carry: active content (JavaScript, launch actions) and files
inside it. Read with pikepdf (qpdf), which parses the whole object graph, so a key hidden in a
compressed object stream or in an incremental update is found as well.

Refused (a PDF's reader would act on it, or it smuggles another file past the upload checks):
- JavaScript: a `/JS` key anywhere, an action of type `/JavaScript`, the `/JavaScript` name tree;
- launch actions (`/S /Launch`) and the other actions that reach outside the document
  (`/ImportData`, `/SubmitForm`, `/GoToE` into an embedded file);
- embedded files: the `/EmbeddedFiles` name tree, file specifications carrying a stream (`/EF`),
  `/FileAttachment` annotations, rich media (`/RichMedia`);
- XFA forms (`/XFA`, scriptable), encryption (nothing can be checked without the password).
"""

import pikepdf
from django.utils.translation import gettext as _

ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/GoToE", "/RichMediaExecute"}
FORBIDDEN_KEYS = {"/JS", "/JavaScript", "/EmbeddedFiles", "/EF", "/XFA", "/RichMedia"}
FORBIDDEN_SUBTYPES = {"/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/Screen"}
MAX_NODES = 500_000  # a PDF with more objects than this is refused rather than walked for minutes


class PdfProblem(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _reason(key: str) -> str:
    if key in {"/JS", "/JavaScript", "/XFA"}:
        return _("il PDF contiene codice JavaScript o moduli attivi, che non sono ammessi.")
    if key in {"/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}:
        return _("il PDF contiene azioni che aprono programmi o inviano dati, che non sono ammesse.")
    return _("il PDF contiene file allegati al suo interno, che non sono ammessi.")


def _walk(root) -> None:
    """Depth-first over dictionaries, arrays and stream dictionaries; each indirect object once."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    nodes = 0
    while stack:
        obj = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise PdfProblem(_("il PDF è troppo complesso per essere controllato."))
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Array):
            stack.extend(item for item in obj if isinstance(item, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream))
            continue
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        keys = set(obj.keys())
        for key in keys & FORBIDDEN_KEYS:
            raise PdfProblem(_reason(key))
        action = obj.get("/S")
        if isinstance(action, pikepdf.Name) and str(action) in ACTIVE_ACTIONS:
            raise PdfProblem(_reason(str(action)))
        subtype = obj.get("/Subtype")
        if isinstance(subtype, pikepdf.Name) and str(subtype) in FORBIDDEN_SUBTYPES:
            raise PdfProblem(_reason("/EF"))
        for key in keys:
            value = obj.get(key)
            if isinstance(value, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream):
                stack.append(value)


def pdf_scan(file) -> None:
    """Raise PdfProblem (with a message for the person) if the PDF is unreadable or active."""
    file.seek(0)
    try:
        with pikepdf.open(file) as pdf:
            if pdf.is_encrypted:
                raise PdfProblem(_("il PDF è protetto da password o cifrato: caricane una versione senza protezione."))
            _walk(pdf.trailer)
    except pikepdf.PasswordError as exc:
        raise PdfProblem(_("il PDF è protetto da password o cifrato: caricane una versione senza protezione.")) from exc
    except (pikepdf.PdfError, ValueError, RecursionError) as exc:
        raise PdfProblem(_("il PDF è danneggiato e non può essere letto.")) from exc
    finally:
        file.seek(0)
