"""The whole mock on loopback: SMTP capture plus one threaded server per site."""

from __future__ import annotations

import secrets
import socket
import ssl
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import trustme
from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from . import DEFAULT_URLS, SITES, create_app
from .mailcapture import MailCapture

TLS_SITES = frozenset({"refusdemat"})


class QuietRequestHandler(WSGIRequestHandler):
    """No access log line per request: the test and run reports say what happened."""

    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass


class PortBusy(OSError):
    """A site's port could not be bound; says which site and which port."""

    def __init__(self, site: str, port: int, reason: OSError) -> None:
        super().__init__(f"le port {port} ({site}) est déjà utilisé ou refusé : {reason.strerror or reason}")
        self.site, self.port = site, port


class Stage:
    """Start and stop the three sites and the mail capture server as one unit."""

    def __init__(
        self,
        workdir: str | Path,
        *,
        host: str = "127.0.0.1",
        ports: dict[str, int] | None = None,
        smtp_port: int = 0,
        public_names: bool = True,
        simulation: bool = True,
    ) -> None:
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.host = host
        self.ports = dict.fromkeys(SITES, 0) | (ports or {})
        self.database = self.workdir / "mock.sqlite3"
        self.smtp = MailCapture(self.workdir / "mailbox.sqlite3", host=host, port=smtp_port)
        self.public_names = public_names
        self.simulation = simulation
        self.apps: dict[str, Flask] = {}
        self.servers: dict[str, BaseWSGIServer] = {}
        self.threads: list[threading.Thread] = []
        self.ca = trustme.CA()
        self.ca_path = self.workdir / "mock-ca.pem"

    def address(self, site: str) -> str:
        """The real loopback URL of a site (what a client without host rules uses)."""
        scheme = "https" if site in TLS_SITES else "http"
        return f"{scheme}://{self.host}:{self.servers[site].server_address[1]}"

    def public_url(self, site: str) -> str:
        """The URL users see: the guide's host name, or the loopback address."""
        return DEFAULT_URLS[site] if self.public_names else self.address(site)

    @property
    def host_resolver_rules(self) -> str:
        """Chromium's --host-resolver-rules mapping each guide host name to its server."""
        return ", ".join(
            f"MAP {urlsplit(DEFAULT_URLS[site]).hostname} {self.host}:{server.server_address[1]}"
            for site, server in self.servers.items()
        )

    def _tls_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        names = [urlsplit(DEFAULT_URLS["refusdemat"]).hostname or "", "localhost", self.host]
        self.ca.issue_cert(*names).configure_cert(context)
        self.ca.cert_pem.write_to_path(str(self.ca_path))
        return context

    def start(self) -> Stage:
        """Bind every server, then configure the apps with the resulting addresses."""
        for site in SITES:
            tls = self._tls_context() if site in TLS_SITES else None
            # The app is set once every port is known; a placeholder serves until then.
            try:
                listener = bind(self.host, self.ports[site])
            except OSError as error:
                for server in self.servers.values():
                    server.server_close()
                raise PortBusy(site, self.ports[site], error) from error
            with listener:  # werkzeug serves a duplicate of it
                self.servers[site] = make_server(
                    self.host, listener.getsockname()[1], _placeholder, threaded=True, ssl_context=tls,
                    request_handler=QuietRequestHandler, fd=listener.fileno(),
                )
        self.smtp.start()
        config: dict[str, Any] = {
            "DATABASE": str(self.database),
            "SECRET_KEY": secrets.token_hex(32),
            "SIMULATION": self.simulation,
            "SMTP_HOST": self.host,
            "SMTP_PORT": self.smtp.port,
            "MAILBOX": str(self.smtp.database),
            "SITE_URLS": {site: self.public_url(site) for site in SITES},
        }
        for site, server in self.servers.items():
            self.apps[site] = create_app(site, config)
            server.app = self.apps[site]
            thread = threading.Thread(target=server.serve_forever, name=f"mock-{site}", daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def stop(self) -> None:
        """Shut every server down and wait for its thread."""
        # Each server's loop notices shutdown at its next poll (0.5 s): ask them all at once.
        stopping = [threading.Thread(target=server.shutdown) for server in self.servers.values()]
        for thread in stopping:
            thread.start()
        for thread in stopping + self.threads:
            thread.join(timeout=10)
        for server in self.servers.values():
            server.server_close()
        self.smtp.stop()

    def __enter__(self) -> Stage:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on `port` (0: any free one), bound here so that a busy port is an error we can
    name (werkzeug's own bind prints in English and exits the process)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(128)
    except OSError:
        listener.close()
        raise
    return listener


def _placeholder(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
    return [b"starting"]
