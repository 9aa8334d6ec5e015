"""How often a person may submit and comment: one place for the web form and the API.

Counted per person (accounts are verified, so an address cannot hide behind many users), on the
shared cache, and only when the submission is stored: a form error costs nothing. Files are the
exception: a submission carrying files counts as an upload attempt whether it is stored or
refused, and the megapixels of the images decoded for a person are charged against an hourly
budget before decoding (a refused request still made the server work). Facilitators
typing up a round table get a higher rate than a citizen writing online. Rates are settings
(docs/contributions.md).

    with limits.submission(user, facilitated=False):
        contribution = services.contribution_submit(...)
"""

from django.utils.translation import gettext as _

from consultazione.core import ratelimit

from . import conf


def submission(user, *, facilitated: bool):
    """Context manager: RateLimited past this person's submission rate; counts a stored one."""
    scope = "facilitated" if facilitated else "online"
    return ratelimit.counted(
        f"contrib:{scope}:{user.pk}",
        conf.submit_rate(facilitated=facilitated),
        message=_("Hai inviato molti contributi in poco tempo: riprova più tardi. Il testo che hai scritto è ancora qui."),
    )


def upload_attempt(user, *, facilitated: bool) -> None:
    """Count a submission carrying files, stored or not; RateLimited past the upload rate."""
    scope = "facilitated" if facilitated else "online"
    ratelimit.check(
        f"upload:{scope}:{user.pk}",
        conf.upload_rate(facilitated=facilitated),
        message=_("Hai inviato molti file in poco tempo: riprova più tardi. Il testo che hai scritto è ancora qui."),
    )


def decoded_pixels(user, pixels: int, *, facilitated: bool) -> None:
    """Charge the pixels about to be decoded; RateLimited (nothing decoded) past the hourly budget."""
    scope = "facilitated" if facilitated else "online"
    megapixels, window = ratelimit.parse(conf.image_megapixel_rate(facilitated=facilitated))
    ratelimit.spend(
        f"pixels:{scope}:{user.pk}",
        pixels,
        f"{megapixels * 1_000_000}/{window}",
        message=_(
            "Hai caricato molte immagini grandi in poco tempo: riprova più tardi o riduci le immagini. "
            "Il testo che hai scritto è ancora qui."
        ),
    )


def comment(user):
    """Context manager: RateLimited past this person's comment rate; counts a stored one."""
    return ratelimit.counted(
        f"comment:{user.pk}",
        conf.comment_rate(),
        message=_("Hai scritto molti commenti in poco tempo: riprova tra qualche minuto."),
    )
