"""pysaml2 configuration of the service provider, built from a Method and the settings.

djangosaml2 loads it (SAML_CONFIG_LOADER-style: djangosaml2.conf.get_config with this loader);
the result is cached per method until a setting or the IdP metadata file changes.
"""

import os
import threading

import saml2
from django.conf import settings
from djangosaml2.conf import get_config
from saml2.config import SPConfig
from saml2.saml import NAME_FORMAT_BASIC, NAMEID_FORMAT_TRANSIENT
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from .methods import Method

#: clock skew accepted on IssueInstant / NotBefore / NotOnOrAfter (seconds)
ACCEPTED_TIME_DIFF = 60

_cache: dict[tuple, SPConfig] = {}
_lock = threading.Lock()


def config_dict(method: Method) -> dict:
    return {
        "entityid": method.entity_id,
        "xmlsec_binary": settings.SAML_XMLSEC_BINARY,
        "key_file": settings.SAML_KEY_FILE,
        "cert_file": settings.SAML_CERT_FILE,
        "metadata": {"local": [method.idp_metadata_file]},
        "accepted_time_diff": ACCEPTED_TIME_DIFF,
        "allow_unknown_attributes": True,
        "service": {
            "sp": {
                "name": f"{settings.PLATFORM_NAME}",
                "name_id_format": [NAMEID_FORMAT_TRANSIENT],
                "endpoints": {
                    "assertion_consumer_service": [(method.url("acs"), saml2.BINDING_HTTP_POST, 0)],
                    "single_logout_service": [(method.url("slo"), saml2.BINDING_HTTP_POST)],
                },
                "authn_requests_signed": True,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "allow_unsolicited": False,
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
                "required_attributes": list(method.attributes),
                "requested_attribute_name_format": NAME_FORMAT_BASIC,
                "name_id_format_allow_create": False,
            }
        },
        "organization": {
            "name": [(settings.BODY_NAME, "it")],
            "display_name": [(settings.BODY_NAME, "it")],
            "url": [(settings.BODY_URL, "it")],
        },
    }


def _mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def cache_key(method: Method) -> tuple:
    """What the configuration depends on, files' modification times included."""
    return (
        method.key,
        method.entity_id,
        settings.SITE_URL,
        settings.SAML_KEY_FILE,
        _mtime(settings.SAML_KEY_FILE),
        settings.SAML_CERT_FILE,
        _mtime(settings.SAML_CERT_FILE),
        method.idp_metadata_file,
        _mtime(method.idp_metadata_file),
    )


def sp_config(method: Method) -> SPConfig:
    key = cache_key(method)
    with _lock:
        config = _cache.get(key)
        if config is None:
            config = get_config(f"{__name__}.load", method)
            _cache.clear()  # one entry per method is all that is ever useful
            _cache[key] = config
    return config


def load(method: Method) -> SPConfig:
    """The loader djangosaml2.conf.get_config calls (its second argument is passed through)."""
    config = SPConfig()
    config.load(config_dict(method))
    return config
