"""A real OpenLDAP ``slapd`` on loopback with a generated test directory.

The directory (``dc=example,dc=edu``):

* ``ou=people``: ada (coordinator), ben (mentor), cam (disabled), dee (no group);
  every password is ``<name>-pass-1``.  A service account
  ``cn=mentormatch,ou=services`` (password ``service-pass-1``) may search.
* ``ou=groups`` (groupOfNames): ``coordinators``, ``mentors``, ``confidential`` (may read
  confidential answers) and ``disabled``.

"Disabled" means: a member of ``cn=disabled,ou=groups`` — the configured
``MENTORMATCH_LDAP_DISABLED_GROUP`` (Active Directory sites usually leave disabled accounts
out with the user filter instead; see the README).

slapd listens on ``ldap://127.0.0.1:<port>`` (StartTLS offered) and
``ldaps://127.0.0.1:<port>``, with a certificate signed by a CA generated here (``ca_file``).
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SLAPD = shutil.which("slapd") or "/usr/sbin/slapd"
SLAPADD = shutil.which("slapadd") or "/usr/sbin/slapadd"
BASE_DN = "dc=example,dc=edu"
SCHEMA_DIR = Path("/etc/ldap/schema")
MODULE_DIR = Path("/usr/lib/ldap")

PEOPLE = {
    # uid: (given name, surname, department, title, groups)
    "ada": ("Ada", "Lovelace", "Medicine", "Professor", ["coordinators", "confidential"]),
    "ben": ("Ben", "Okafor", "Surgery", "associate professor", ["mentors"]),
    "cam": ("Cam", "Reyes", "Pediatrics", "Assistant Professor", ["disabled"]),
    "dee": ("Dee", "Nakamura", "Radiology", "Instructor", []),
}
GROUPS = ["coordinators", "mentors", "confidential", "disabled"]


def password_for(uid: str) -> str:
    return f"{uid}-pass-1"


def _ssha(password: str) -> str:
    salt = os.urandom(8)
    digest = hashlib.sha1(password.encode() + salt).digest()  # noqa: S324 - LDAP's {SSHA}
    return "{SSHA}" + base64.b64encode(digest + salt).decode()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def closed_port_uri() -> str:
    """An ``ldap://`` URI on loopback where nothing listens: "the directory is down"."""
    return f"ldap://127.0.0.1:{free_port()}"


def _ldif() -> str:
    entries = [
        f"dn: {BASE_DN}\nobjectClass: dcObject\nobjectClass: organization\ndc: example\n"
        "o: Example University\n",
        f"dn: ou=people,{BASE_DN}\nobjectClass: organizationalUnit\nou: people\n",
        f"dn: ou=groups,{BASE_DN}\nobjectClass: organizationalUnit\nou: groups\n",
        f"dn: ou=services,{BASE_DN}\nobjectClass: organizationalUnit\nou: services\n",
        f"dn: cn=mentormatch,ou=services,{BASE_DN}\nobjectClass: organizationalRole\n"
        f"objectClass: simpleSecurityObject\ncn: mentormatch\n"
        f"userPassword: {_ssha('service-pass-1')}\n",
    ]
    for number, (uid, (given, sn, dept, title, _groups)) in enumerate(PEOPLE.items(), 1):
        entries.append(
            f"dn: uid={uid},ou=people,{BASE_DN}\nobjectClass: inetOrgPerson\nuid: {uid}\n"
            f"cn: {given} {sn}\ngivenName: {given}\nsn: {sn}\nmail: {uid}@example.edu\n"
            f"departmentNumber: {dept}\ntitle: {title}\nemployeeNumber: E{number:04d}\n"
            f"userPassword: {_ssha(password_for(uid))}\n"
        )
    for group in GROUPS:
        members = [uid for uid, person in PEOPLE.items() if group in person[4]]
        lines = [
            f"dn: cn={group},ou=groups,{BASE_DN}",
            "objectClass: groupOfNames",
            f"cn: {group}",
        ]
        # groupOfNames needs at least one member; the service account is a harmless one.
        lines += [f"member: uid={uid},ou=people,{BASE_DN}" for uid in members] or [
            f"member: cn=mentormatch,ou=services,{BASE_DN}"
        ]
        entries.append("\n".join(lines) + "\n")
    return "\n".join(entries)


def _write_tls(directory: Path) -> tuple[Path, Path, Path]:
    """A CA and a server certificate for 127.0.0.1/localhost, made with ``cryptography``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)

    def key() -> rsa.RSAPrivateKey:
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)

    ca_key, server_key = key(), key()
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "MentorMatch test CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    import ipaddress

    server_cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_file = directory / "ca.pem"
    cert_file = directory / "server.pem"
    key_file = directory / "server.key"
    ca_file.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(server_cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    return ca_file, cert_file, key_file


@dataclass
class LdapServer:
    uri: str
    ldaps_uri: str
    ca_file: Path
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def slapd_available() -> bool:
    return Path(SLAPD).exists() and Path(SLAPADD).exists()


def start_slapd(directory: Path) -> LdapServer:
    """Write slapd.conf and the test directory into ``directory``, load it, start slapd and
    wait until it answers."""
    directory.mkdir(parents=True, exist_ok=True)
    data_dir = directory / "data"
    data_dir.mkdir(exist_ok=True)
    ca_file, cert_file, key_file = _write_tls(directory)
    conf = directory / "slapd.conf"
    schemas = "\n".join(
        f"include {SCHEMA_DIR / name}.schema" for name in ("core", "cosine", "inetorgperson")
    )
    conf.write_text(
        f"""{schemas}
modulepath {MODULE_DIR}
moduleload back_mdb
pidfile {directory / "slapd.pid"}
TLSCACertificateFile {ca_file}
TLSCertificateFile {cert_file}
TLSCertificateKeyFile {key_file}
database mdb
maxsize 10485760
suffix "{BASE_DN}"
rootdn "cn=admin,{BASE_DN}"
rootpw admin-pass-1
directory {data_dir}
access to attrs=userPassword
    by self =xw
    by anonymous auth
    by * none
access to *
    by users read
    by * none
"""
    )
    ldif = directory / "directory.ldif"
    ldif.write_text(_ldif())
    subprocess.run(
        [SLAPADD, "-f", str(conf), "-l", str(ldif)],
        check=True,
        capture_output=True,
    )
    port, tls_port = free_port(), free_port()
    uri = f"ldap://127.0.0.1:{port}"
    ldaps_uri = f"ldaps://127.0.0.1:{tls_port}"
    log = (directory / "slapd.log").open("wb")
    process = subprocess.Popen(
        [SLAPD, "-f", str(conf), "-h", f"{uri}/ {ldaps_uri}/", "-d", "0"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"slapd stopped at start: {(directory / 'slapd.log').read_text()[-2000:]}"
            )
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return LdapServer(uri=uri, ldaps_uri=ldaps_uri, ca_file=ca_file, process=process)
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("slapd did not start listening within 30 seconds")


def _admin_connection(server: LdapServer) -> Any:
    import ldap

    connection = ldap.initialize(server.uri)
    connection.simple_bind_s(f"cn=admin,{BASE_DN}", "admin-pass-1")
    return connection


def group_membership_set(server: LdapServer, uid: str, group: str, *, member: bool) -> None:
    """Add ``uid`` to, or remove them from, ``cn=<group>,ou=groups`` as the directory's
    administrator would (the groups keep the service account as a member, so none is ever
    left empty)."""
    import ldap

    group_dn = f"cn={group},ou=groups,{BASE_DN}"
    person_dn = f"uid={uid},ou=people,{BASE_DN}"
    connection = _admin_connection(server)
    try:
        if member:
            connection.modify_s(group_dn, [(ldap.MOD_ADD, "member", [person_dn.encode()])])
            return
        service_dn = f"cn=mentormatch,ou=services,{BASE_DN}".encode()
        with contextlib.suppress(ldap.TYPE_OR_VALUE_EXISTS):
            connection.modify_s(group_dn, [(ldap.MOD_ADD, "member", [service_dn])])
        connection.modify_s(group_dn, [(ldap.MOD_DELETE, "member", [person_dn.encode()])])
    finally:
        connection.unbind_s()
