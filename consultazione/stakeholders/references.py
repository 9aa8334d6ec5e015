"""Public references of an organisation: the code in the Indice PA (IPA) for public bodies, the
partita IVA (or the numeric codice fiscale of an association, which has the same form) for the
others. One normaliser and one validator each, used by the model (Django admin), the services
(site and API) and the request form.

python-stdnum (`stdnum.it.iva`) implements the same checksum; it is not a dependency of the
project, and the rule is five lines.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: IPA codes (indicepa.gov.it, "Codice IPA"): letters, digits and underscores, e.g. `cmto`, `c_l219`, `r_piemon`.
IPA_CODE = re.compile(r"^[a-z0-9][a-z0-9_]{1,19}$")
VAT_NUMBER = re.compile(r"^[0-9]{11}$")


def normalise_ipa_code(value: str) -> str:
    return (value or "").strip().lower()


def normalise_vat_number(value: str) -> str:
    """Spaces, dots and an `IT` prefix are tolerated as people copy them from invoices."""
    value = re.sub(r"[\s.\-]", "", value or "").upper()
    return value.removeprefix("IT")


def vat_checksum_ok(digits: str) -> bool:
    """The Italian partita IVA check digit (Luhn on the first ten digits)."""
    total = 0
    for index, char in enumerate(digits[:10]):
        digit = int(char)
        if index % 2:  # 2nd, 4th… digit: doubled, minus 9 when over 9
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return (10 - total % 10) % 10 == int(digits[10])


def validate_ipa_code(value: str) -> None:
    if value and not IPA_CODE.match(value):
        raise ValidationError(
            _("Il codice IPA ha da 2 a 20 caratteri: lettere minuscole, cifre e trattino basso (per esempio c_l219)."),
            code="ipa_format",
        )


def validate_vat_number(value: str) -> None:
    if not value:
        return
    if not VAT_NUMBER.match(value):
        raise ValidationError(_("La partita IVA ha 11 cifre."), code="vat_format")
    if not vat_checksum_ok(value) or value == "0" * 11:
        raise ValidationError(
            _("La partita IVA non è valida: la cifra di controllo non corrisponde. Controlla di averla copiata bene."),
            code="vat_checksum",
        )
