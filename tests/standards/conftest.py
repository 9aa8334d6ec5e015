"""The permission walker's world (tests/security/world.py), built once for this package too: the
HTML check requests a page of every type that the walker's table names."""

from tests.security.conftest import world  # noqa: F401 (a package-scoped fixture, one build per package)
