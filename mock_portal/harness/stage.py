"""The whole mock on loopback: SMTP capture plus one threaded server per site."""

from __future__ import annotations

import base64
import hashlib
import importlib
import logging
import secrets
import ssl
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import trustme
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from mock_portal import DEFAULT_URLS, SITES, create_app
from mock_portal.harness.footprint import Footprint
from mock_portal.harness.mailcapture import MailCapture, bind


class QuietRequestHandler(WSGIRequestHandler):
    """No access log line per request: the test and run reports say what happened."""

    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass


LOGGERS = ("werkzeug", "mock_portal", "mail.log")  # the servers', the apps' and aiosmtpd's


class PortBusy(OSError):
    """A site's port could not be bound; says which site and which port."""

    def __init__(self, site: str, port: int, reason: OSError) -> None:
        super().__init__(f"le port {port} ({site}) est déjà utilisé ou refusé : {reason.strerror or reason}")
        self.site, self.port = site, port


# How often a server's loop looks for a shutdown request: socketserver's default, 0.5 s, is as long a wait at
# the end of every run, test and worker that stops a stage.
SHUTDOWN_POLL = 0.05


class Stage:
    """Start and stop the three sites (https, each with an http port that redirects to it) and the mail
    capture server as one unit."""

    def __init__(
        self,
        workdir: str | Path,
        *,
        host: str = "127.0.0.1",
        ports: dict[str, int] | None = None,
        smtp_port: int = 0,
        public_names: bool = True,
        simulation: bool = True,
        maildir: Path | None = None,
        skin: str | None = None,
    ) -> None:
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.host = host
        self.ports = dict.fromkeys(SITES, 0) | (ports or {})
        self.database = self.workdir / "mock.sqlite3"
        self.smtp = MailCapture(self.workdir / "mailbox.sqlite3", host=host, port=smtp_port, maildir=maildir)
        self.public_names = public_names
        self.simulation = simulation
        self.skin = skin  # another vendor's markup for the same portal (see mock_portal/skins.py)
        self.apps: dict[str, Flask] = {}
        self.footprint = Footprint()  # the templates, static files and endpoints the sites used
        self.servers: dict[str, BaseWSGIServer] = {}
        self.redirects: dict[str, BaseWSGIServer] = {}
        self.threads: list[threading.Thread] = []
        self.ca = trustme.CA()
        self.ca_path = self.workdir / "mock-ca.pem"
        self.log = logging.FileHandler(self.workdir / "mock.log", encoding="utf-8")
        names = [urlsplit(url).hostname or "" for url in DEFAULT_URLS.values()]
        self.certificate = self.ca.issue_cert(*names, "localhost", self.host)

    def address(self, site: str) -> str:
        """The real loopback URL of a site (what a client without host rules uses)."""
        return f"https://{self.host}:{self.servers[site].server_address[1]}"

    def public_url(self, site: str) -> str:
        """The URL users see: the guide's host name, or the loopback address."""
        return DEFAULT_URLS[site] if self.public_names else self.address(site)

    @property
    def host_resolver_rules(self) -> str:
        """Chromium's --host-resolver-rules: each guide host name, port 443 and port 80, onto its servers."""
        return ", ".join(
            f"MAP {urlsplit(DEFAULT_URLS[site]).hostname}:{public} {self.host}:{server.server_address[1]}"
            for site in SITES
            for public, server in ((443, self.servers[site]), (80, self.redirects[site]))
        )

    @property
    def spki(self) -> str:
        """The base64 SHA-256 of the sites' public key, for Chromium's --ignore-certificate-errors-spki-list:
        the browser then trusts this certificate, and only it."""
        leaf = x509.load_pem_x509_certificate(self.certificate.cert_chain_pems[0].bytes())
        der = leaf.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        return base64.b64encode(hashlib.sha256(der).digest()).decode()

    def _tls_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.certificate.configure_cert(context)
        self.ca.cert_pem.write_to_path(str(self.ca_path))
        return context

    def _serve(self, site: str, port: int, tls: ssl.SSLContext | None) -> BaseWSGIServer:
        try:
            listener = bind(self.host, port)
        except OSError as error:
            self._close_servers()
            raise PortBusy(site, port, error) from error
        with listener:  # werkzeug serves a duplicate of it
            return make_server(self.host, listener.getsockname()[1], _placeholder, threaded=True, ssl_context=tls,
                               request_handler=QuietRequestHandler, fd=listener.fileno())

    def _close_servers(self) -> None:
        """Release the ports bound so far (a start that cannot finish)."""
        for server in [*self.servers.values(), *self.redirects.values()]:
            server.server_close()

    def start(self) -> Stage:
        """Bind every server, then configure the apps with the resulting addresses.

        What the servers log (a refused request, a mail not sent) goes to mock.log in the work folder,
        not to the output of the tests or the command that runs them.
        """
        self.log.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        for name in LOGGERS:
            logging.getLogger(name).addHandler(self.log)
            logging.getLogger(name).propagate = False
        tls = self._tls_context()
        for site in SITES:
            # The app is set once every port is known; a placeholder serves until then.
            self.servers[site] = self._serve(site, self.ports[site], tls)
        for site in SITES:
            self.redirects[site] = self._serve(site, 0, None)
        try:
            self.smtp.start()
        except OSError as error:
            self._close_servers()
            raise PortBusy("smtp", self.smtp.port, error) from error
        if self.simulation:
            # Its employees have payslips, drawn with fpdf when read: fpdf's import (0.6 s) is done now, in
            # the background, not in the first request that opens one.
            threading.Thread(target=importlib.import_module, args=("fpdf",), name="import-fpdf", daemon=True).start()
        config: dict[str, Any] = {
            "DATABASE": str(self.database),
            "SECRET_KEY": secrets.token_hex(32),
            "SIMULATION": self.simulation,
            "SMTP_HOST": self.host,
            "SMTP_PORT": self.smtp.port,
            "MAILBOX": str(self.smtp.database),
            "SITE_URLS": {site: self.public_url(site) for site in SITES},
            "SESSION_COOKIE_SECURE": True,  # every site is served over https
            "SKIN": self.skin,
        }
        for site in SITES:
            self.apps[site] = create_app(site, config)
            self.footprint.watch(self.apps[site])
            self.servers[site].app = self.apps[site]
            self.redirects[site].app = to_https(self.public_url(site))
        for name, server in [*self.servers.items(), *((f"{s}-http", r) for s, r in self.redirects.items())]:
            thread = threading.Thread(target=server.serve_forever, args=(SHUTDOWN_POLL,), name=f"mock-{name}",
                                      daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def stop(self) -> None:
        """Shut every server down and wait for its thread."""
        servers = [*self.servers.values(), *self.redirects.values()]
        # Each server's loop notices shutdown at its next poll: ask them all at once.
        stopping = [threading.Thread(target=server.shutdown) for server in servers]
        for thread in stopping:
            thread.start()
        for thread in stopping + self.threads:
            thread.join(timeout=10)
        for server in servers:
            server.server_close()
        self.smtp.stop()
        for name in LOGGERS:
            logging.getLogger(name).removeHandler(self.log)
        self.log.close()

    def __enter__(self) -> Stage:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def to_https(base: str) -> Any:
    """A WSGI app that sends every request to the same path on `base` (the site's https address)."""

    def redirect(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        path = quote(environ.get("PATH_INFO", "/"), safe="/%:@!$&'()*+,;=-._~")
        query = environ.get("QUERY_STRING", "")
        start_response("301 Moved Permanently", [("Location", base + path + (f"?{query}" if query else "")),
                                                 ("Content-Length", "0")])
        return []

    return redirect


def _placeholder(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
    return [b"starting"]
