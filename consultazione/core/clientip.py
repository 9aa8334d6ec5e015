"""The client's address: the one function that rate limits, the login lockout and allauth ask.

Behind nginx every request comes from nginx's address. nginx appends the address it saw to
`X-Forwarded-For`, but anything to the left of that entry was written by the client and can be
forged. So the header is read only when the setting `TRUSTED_PROXIES` (addresses or networks of
our own proxies, from the environment) is set, and then only as far as it was written by a
trusted proxy: starting from the peer of the connection, each hop that is a trusted proxy hands
over to the entry it appended (the right-most remaining one); the first address that is not a
trusted proxy is the client. With `TRUSTED_PROXIES` empty (the default) the header is ignored and
the peer is the client. docs/deploy.md ("The client address behind the proxy").
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(f"TRUSTED_PROXIES: {entry!r} is not an IP address or network ({error}).") from error
    return tuple(networks)


def trusted_proxies() -> tuple[Network, ...]:
    """The networks of settings.TRUSTED_PROXIES (ImproperlyConfigured if one does not parse)."""
    return _networks(tuple(settings.TRUSTED_PROXIES or ()))


def _parse(value: str) -> str | None:
    """'203.0.113.7', '[2001:db8::1]:443', '203.0.113.7:5000' → the normalised address; junk → None."""
    value = value.strip().strip('"')
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return str(mapped or address)


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    parsed = _parse(address)
    return parsed is not None and any(ipaddress.ip_address(parsed) in network for network in networks)


def _peer_and_forwarded(request_or_scope) -> tuple[str, str]:
    if isinstance(request_or_scope, dict):  # an ASGI scope (Channels consumers)
        client = request_or_scope.get("client") or ("", 0)
        forwarded = b",".join(
            value for name, value in request_or_scope.get("headers", ()) if name.lower() == b"x-forwarded-for"
        ).decode("latin-1")
        return str(client[0] or ""), forwarded
    meta = request_or_scope.META
    return meta.get("REMOTE_ADDR", "") or "", meta.get("HTTP_X_FORWARDED_FOR", "") or ""


def client_ip(request_or_scope) -> str:
    """The client's address for an HttpRequest (or DRF Request) or an ASGI scope; "" if unknown."""
    peer, forwarded = _peer_and_forwarded(request_or_scope)
    address = _parse(peer) or peer
    networks = trusted_proxies()
    if not networks:
        return address
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    while hops and _trusted(address, networks):
        previous = _parse(hops.pop())
        if previous is None:  # a hop we cannot read: stop at the last proxy we trust
            break
        address = previous
    return address
