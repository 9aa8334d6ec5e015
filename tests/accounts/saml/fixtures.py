"""SPID/CIE test fixtures (this package's conftest and tests/e2e/test_spid.py use them): an SP key
pair, the local test IdP (its metadata in the SP's IdP file) and the settings that turn both methods on."""

import socket
from pathlib import Path

import pytest
from lxml import etree

from consultazione.accounts.saml.keys import write_pair
from consultazione.accounts.saml.metadata import signed_metadata
from consultazione.accounts.saml.methods import METHODS
from consultazione.accounts.saml.testidp import TestIdP, serve

MD_NS = "urn:oasis:names:tc:SAML:2.0:metadata"
#: the IdP that spid-sp-test plays (its entity id, from `spid_sp_test --idp-metadata`)
SPID_SP_TEST_IDP = "https://localhost:8443"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def entities(*descriptors: str) -> bytes:
    """One EntitiesDescriptor with the given EntityDescriptors (the shape of AgID's registry file)."""
    root = etree.Element(f"{{{MD_NS}}}EntitiesDescriptor", nsmap={"md": MD_NS})
    for xml in descriptors:
        root.append(etree.fromstring(xml.encode() if isinstance(xml, str) else xml))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


@pytest.fixture(scope="session")
def saml_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("saml")
    write_pair(
        directory / "sp.key",
        directory / "sp.crt",
        common_name="testserver",
        organization="Ente di prova",
        ipa_code="cmto",
        entity_id="http://testserver/accesso/spid/metadata/",
        locality="Torino",
        bits=2048,
    )
    return directory


@pytest.fixture(scope="session")
def test_idp(saml_dir) -> TestIdP:
    return TestIdP(f"http://127.0.0.1:{free_port()}", directory=str(saml_dir / "idp"))


def extra_idps() -> list[bytes]:
    """spid-sp-test's own IdP, when the tool is installed (its AuthnRequest checks need it)."""
    from .sptest import idp_metadata

    metadata = idp_metadata()
    return [metadata] if metadata else []


@pytest.fixture
def saml_settings(settings, saml_dir, test_idp):
    """SPID and CIE on, both trusting the test IdP; the test IdP trusts both SPs."""
    idp_file = saml_dir / "idps.xml"
    idp_file.write_bytes(entities(test_idp.metadata(), *extra_idps()))
    settings.SPID_ENABLED = True
    settings.CIE_ENABLED = True
    settings.SITE_URL = settings.SITE_URL if getattr(settings, "_saml_keep_site", False) else "http://testserver"
    settings.SAML_KEY_FILE = str(saml_dir / "sp.key")
    settings.SAML_CERT_FILE = str(saml_dir / "sp.crt")
    settings.SPID_IDP_METADATA_FILE = str(idp_file)
    settings.CIE_IDP_METADATA_FILE = str(idp_file)
    settings.SAML_CONTACT_EMAIL = "partecipazione@example.org"
    test_idp.sp_metadata.clear()
    for method in METHODS.values():
        test_idp.trust_sp(signed_metadata(method))
    return settings


@pytest.fixture
def running_idp(test_idp):
    host, port = test_idp.base_url.removeprefix("http://").split(":")
    server = serve(test_idp, host, int(port))
    yield test_idp
    server.shutdown()
    server.server_close()
