"""A small SAML 2.0 identity provider built with pysaml2, run as its own process by the tests.

    python -m mentormatch.accounts.tests.saml_idp CONFIG.json

CONFIG.json: ``{"port", "key_file", "cert_file", "sp_metadata", "users": {uid: {"password",
"attributes": {name: [values]}}}}``.  It serves:

* ``GET /sso/redirect?SAMLRequest=…`` (HTTP-Redirect binding): checks the request and shows
  a sign-in form;
* ``POST /sso/login``: checks the password and answers with the HTTP-POST binding form that
  carries a signed assertion back to the service provider;
* ``GET /metadata``: its metadata.

Nothing here is mocked: the service provider checks real signatures made with xmlsec1.
"""

from __future__ import annotations

import html
import json
import secrets
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import AUTHN_PASSWORD, NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT
from saml2.server import Server


def idp_config(*, port: int, key_file: str, cert_file: str, sp_metadata: str | None) -> IdPConfig:
    base = f"http://127.0.0.1:{port}"
    conf: dict[str, Any] = {
        "entityid": f"{base}/metadata",
        "xmlsec_binary": "/usr/bin/xmlsec1",
        "service": {
            "idp": {
                "name": "Example University test IdP",
                "endpoints": {
                    "single_sign_on_service": [(f"{base}/sso/redirect", BINDING_HTTP_REDIRECT)],
                },
                "policy": {
                    "default": {
                        "lifetime": {"minutes": 15},
                        "attribute_restrictions": None,
                        "name_form": NAME_FORMAT_URI,
                    }
                },
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "want_authn_requests_signed": False,
            }
        },
        "key_file": key_file,
        "cert_file": cert_file,
        "metadata": {"local": [sp_metadata]} if sp_metadata else {},
    }
    config = IdPConfig()
    config.load(conf)
    return config


def idp_metadata(*, port: int, key_file: str, cert_file: str) -> str:
    config = idp_config(port=port, key_file=key_file, cert_file=cert_file, sp_metadata=None)
    text = create_metadata_string(None, config=config)
    return text.decode() if isinstance(text, bytes) else text


_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Example University sign-in</title></head><body><h1>Example University</h1>{body}
</body></html>"""


def _login_form(key: str, error: str = "") -> str:
    message = f'<p role="alert">{html.escape(error)}</p>' if error else ""
    return _PAGE.format(
        body=f"""{message}<form method="post" action="/sso/login">
<input type="hidden" name="key" value="{key}">
<label for="u">Username</label><input id="u" name="username">
<label for="p">Password</label><input id="p" name="password" type="password">
<button type="submit">Sign in</button></form>"""
    )


class IdentityProvider:
    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.server = Server(
            config=idp_config(
                port=settings["port"],
                key_file=settings["key_file"],
                cert_file=settings["cert_file"],
                sp_metadata=settings["sp_metadata"],
            )
        )
        self.pending: dict[str, tuple[Any, str]] = {}

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        status, headers, body = self.handle(environ)
        start_response(status, [*headers, ("Content-Type", "text/html; charset=utf-8")])
        return [body.encode()]

    def handle(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], str]:
        path = environ["PATH_INFO"]
        if path == "/metadata":
            return (
                "200 OK",
                [],
                idp_metadata(
                    port=self.settings["port"],
                    key_file=self.settings["key_file"],
                    cert_file=self.settings["cert_file"],
                ),
            )
        if path == "/sso/redirect":
            query = parse_qs(environ.get("QUERY_STRING", ""))
            try:
                request = self.server.parse_authn_request(
                    query["SAMLRequest"][0], BINDING_HTTP_REDIRECT
                )
            except Exception as exc:  # noqa: BLE001 - an IdP answers bad input with a 400
                return "400 Bad Request", [], _PAGE.format(body=html.escape(repr(exc)))
            key = secrets.token_urlsafe(16)
            self.pending[key] = (request.message, query.get("RelayState", [""])[0])
            return "200 OK", [], _login_form(key)
        if path == "/sso/login" and environ["REQUEST_METHOD"] == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            form = parse_qs(environ["wsgi.input"].read(length).decode())
            key = form.get("key", [""])[0]
            if key not in self.pending:
                return "400 Bad Request", [], _PAGE.format(body="Unknown sign-in request")
            username = form.get("username", [""])[0]
            user = self.settings["users"].get(username)
            if user is None or user["password"] != form.get("password", [""])[0]:
                return "200 OK", [], _login_form(key, "Wrong username or password")
            message, relay_state = self.pending.pop(key)
            resp_args = self.server.response_args(message, [BINDING_HTTP_POST])
            response = self.server.create_authn_response(
                user["attributes"],
                userid=username,
                authn={"class_ref": AUTHN_PASSWORD, "authn_auth": self.server.config.entityid},
                sign_assertion=True,
                sign_response=True,
                **resp_args,
            )
            http_args = self.server.apply_binding(
                BINDING_HTTP_POST,
                str(response),
                resp_args["destination"],
                relay_state,
                response=True,
            )
            return "200 OK", [], http_args["data"]
        return "404 Not Found", [], _PAGE.format(body="Not found")


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        sys.stderr.write("idp: " + (format % args) + "\n")


def main() -> None:
    settings = json.loads(Path(sys.argv[1]).read_text())
    app = IdentityProvider(settings)
    with make_server("127.0.0.1", settings["port"], app, handler_class=_QuietHandler) as httpd:
        sys.stderr.write(f"idp listening on {settings['port']}\n")
        sys.stderr.flush()
        httpd.serve_forever()


if __name__ == "__main__":
    main()
