"""Start the test identity provider (saml_idp.py) as its own process, with generated keys
and metadata exchanged both ways, the way an institution and a site would exchange them."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from config import signin as signin_config
from mentormatch.accounts.tests.ldap_server import free_port

REPO_ROOT = Path(__file__).resolve().parents[3]
COORDINATOR_GROUP = "urn:mace:example.edu:mentormatch:coordinators"
MENTOR_GROUP = "urn:mace:example.edu:mentormatch:mentors"
DISABLED_GROUP = "urn:mace:example.edu:disabled"

IDP_USERS = {
    "erin": {
        "password": "erin-pass-1",
        "attributes": {
            "uid": ["erin"],
            "givenName": ["Erin"],
            "sn": ["Walsh"],
            "mail": ["erin@example.edu"],
            "ou": ["Cardiology"],
            "title": ["Professor"],
            "isMemberOf": [COORDINATOR_GROUP, MENTOR_GROUP],
        },
    },
    "finn": {
        "password": "finn-pass-1",
        "attributes": {
            "uid": ["finn"],
            "givenName": ["Finn"],
            "sn": ["Moreau"],
            "mail": ["finn@example.edu"],
            "ou": ["Neurology"],
            "title": ["Assistant Professor"],
            "isMemberOf": [],
        },
    },
    "gus": {
        "password": "gus-pass-1",
        "attributes": {
            "uid": ["gus"],
            "givenName": ["Gus"],
            "sn": ["Lind"],
            "mail": ["gus@example.edu"],
            "ou": ["Oncology"],
            "title": ["Instructor"],
            "isMemberOf": [DISABLED_GROUP],
        },
    },
}


def self_signed(directory: Path, name: str) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"mentormatch-test-{name}")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = directory / f"{name}.key", directory / f"{name}.pem"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_file, cert_file


@dataclass
class SamlIdp:
    url: str
    metadata_file: Path
    sp_key_file: Path
    sp_cert_file: Path
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def xmlsec_available() -> bool:
    return shutil.which("xmlsec1") is not None


def start_idp(directory: Path, *, site_url: str) -> SamlIdp:
    from saml2.config import SPConfig
    from saml2.metadata import create_metadata_string

    from mentormatch.accounts.tests.saml_idp import idp_metadata

    directory.mkdir(parents=True, exist_ok=True)
    sp_key, sp_cert = self_signed(directory, "sp")
    idp_key, idp_cert = self_signed(directory, "idp")
    port = free_port()
    idp_md = directory / "idp-metadata.xml"
    idp_md.write_text(idp_metadata(port=port, key_file=str(idp_key), cert_file=str(idp_cert)))
    sp_conf = SPConfig()
    sp_conf.load(
        signin_config.sp_config(
            site_url=site_url,
            entity_id=f"{site_url}/saml2/metadata/",
            metadata={"local": [str(idp_md)]},
            key_file=str(sp_key),
            cert_file=str(sp_cert),
        )
    )
    sp_md = directory / "sp-metadata.xml"
    text = create_metadata_string(None, config=sp_conf)
    sp_md.write_text(text.decode() if isinstance(text, bytes) else text)
    settings_file = directory / "idp.json"
    settings_file.write_text(
        json.dumps(
            {
                "port": port,
                "key_file": str(idp_key),
                "cert_file": str(idp_cert),
                "sp_metadata": str(sp_md),
                "users": IDP_USERS,
            }
        )
    )
    log = (directory / "idp.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "mentormatch.accounts.tests.saml_idp", str(settings_file)],
        cwd=REPO_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the test IdP stopped: {(directory / 'idp.log').read_text()}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return SamlIdp(
                url=f"http://127.0.0.1:{port}",
                metadata_file=idp_md,
                sp_key_file=sp_key,
                sp_cert_file=sp_cert,
                process=process,
            )
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("the test IdP did not start listening within 60 seconds")
