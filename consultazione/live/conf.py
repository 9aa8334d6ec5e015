"""Settings of the live app, read with getattr so that every one has a documented default."""

from django.conf import settings


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])


DEFAULTS = {
    # Coalesced tallies: presenter and projector at most every LIVE_TICK_SECONDS,
    # phones at most every LIVE_AUDIENCE_TICK_SECONDS (state changes always go out at once).
    "LIVE_TICK_SECONDS": 0.1,
    "LIVE_AUDIENCE_TICK_SECONDS": 1.0,
    # Tests turn the background ticker off and call Ticker.tick() themselves.
    "LIVE_TICKER_AUTOSTART": True,
    # One process per session publishes tallies; it holds this lease in the cache.
    "LIVE_LEADER_LEASE_SECONDS": 3,
    "LIVE_MAX_FRAME_BYTES": 4096,
    # Messages a socket may send per second (token bucket, burst = rate x 2).
    "LIVE_SOCKET_RATE": 5,
    # "limit/seconds" windows on the cache. Joining (docs/live.md, "Joining at venue scale"):
    # per phone (its participant cookie, or before that its join ticket), a strict cap per address
    # for joins that never loaded the phone page, a generous last-resort cap per address (a whole
    # venue may share one NAT), and the session's overall budget per second.
    "LIVE_JOIN_RATE_PER_PARTICIPANT": "3/10",
    "LIVE_JOIN_RATE_PER_TICKET": "3/10",
    "LIVE_JOIN_RATE_WITHOUT_TICKET": "20/60",
    "LIVE_JOIN_RATE_PER_IP": "6000/60",
    "LIVE_JOIN_RATE_PER_SESSION": "250/1",
    "LIVE_HTTP_VOTE_RATE": "4/2",
    "LIVE_PARTICIPANT_COOKIE_DAYS": 2,
    "LIVE_TOP_ITEMS": 50,
}
