"""A self-signed SP key and certificate shaped as AgID asks (Avviso SPID n. 29 v3, public sector).

For development and the tests; production keys can be made the same way (`manage.py saml_keys`)
or with AgID's own tool (`spid-compliant-certificates`, installed in .venv-spid).
"""

import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID, ObjectIdentifier

AGID_CERT_POLICY = ObjectIdentifier("1.3.76.16.6")  # agIDcert
SPID_PUBLIC_SP_POLICY = ObjectIdentifier("1.3.76.16.4.2.1")  # spid-publicsector-SP
URI_ATTRIBUTE = ObjectIdentifier("2.5.4.83")


def key_and_certificate(
    *, common_name: str, organization: str, ipa_code: str, entity_id: str, locality: str, days: int = 730, bits: int = 3072
) -> tuple[bytes, bytes]:
    """(key PEM, certificate PEM)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, f"PA:IT-{ipa_code}"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "IT"),
            x509.NameAttribute(NameOID.LOCALITY_NAME, locality),
            x509.NameAttribute(URI_ATTRIBUTE, entity_id),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.CertificatePolicies(
                [x509.PolicyInformation(AGID_CERT_POLICY, None), x509.PolicyInformation(SPID_PUBLIC_SP_POLICY, None)]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM)


def write_pair(key_file: str | Path, cert_file: str | Path, **kwargs) -> None:
    key_pem, cert_pem = key_and_certificate(**kwargs)
    key_path, cert_path = Path(key_file), Path(cert_file)
    key_path.parent.mkdir(parents=True, exist_ok=True)
    cert_path.parent.mkdir(parents=True, exist_ok=True)
    key_path.write_bytes(key_pem)
    key_path.chmod(0o600)
    cert_path.write_bytes(cert_pem)
