"""The sites a run talks to: one object, built once per session by the `sites` fixture."""

from __future__ import annotations

import base64
import hashlib
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from mock_portal import DEFAULT_URLS

Site = Literal["portal", "refusdemat", "corporate"]
SITE_NAMES: dict[Site, str] = {"portal": "le site du coffre (--base-url)", "refusdemat": "le site de refus "
                               "(--refusdemat-url)", "corporate": "le site Cecurity.com (--corporate-url)"}


@dataclass(frozen=True)
class Sites:
    """Base URLs as the browser reaches them ("" for a site whose address was not given: never a public site
    by default), where the simulator answers, and Chromium's host rules."""

    portal: str
    refusdemat: str
    corporate: str
    simulator: str | None = None  # base URL of the portal whose /_sim/api the scenarios drive
    host_resolver_rules: str | None = None  # maps the guide's host names onto the embedded mock
    spki: str | None = None  # the embedded mock's certificate, which the browser trusts (and only it)

    @classmethod
    def guide_hosts(cls, simulator: str | None = None, host_resolver_rules: str | None = None,
                    spki: str | None = None) -> Sites:
        """The guide's own host names (www.mycecurity.com...), served by the embedded mock."""
        return cls(**DEFAULT_URLS, simulator=simulator, host_resolver_rules=host_resolver_rules, spki=spki)

    @classmethod
    def named(cls, portal: str, refusdemat: str | None = None, corporate: str | None = None,
              simulator: str | None = None, spki: str | None = None) -> Sites:
        """The sites a person names (--base-url, --refusdemat-url...): those only, never a public site by default."""
        return cls((portal or "").rstrip("/"), (refusdemat or "").rstrip("/"), (corporate or "").rstrip("/"),
                   simulator, spki=spki)

    def url(self, site: Site, path: str = "/") -> str:
        base: str = getattr(self, site)
        if not base:
            raise ValueError(f"adresse non donnée : {SITE_NAMES[site]}")
        return base.rstrip("/") + path

    @property
    def chromium_args(self) -> list[str]:
        """Chromium's flags for these sites: the guide's host names onto the embedded mock, and the one
        certificate trusted by its key besides the system's authorities."""
        return ([f"--host-resolver-rules={self.host_resolver_rules}"] if self.host_resolver_rules else []) \
            + ([f"--ignore-certificate-errors-spki-list={self.spki}"] if self.spki else [])

    def given(self) -> frozenset[str]:
        """The sites whose address the run has."""
        return frozenset(site for site in SITE_NAMES if getattr(self, site))

    @property
    def on_guide_hosts(self) -> bool:
        """True when the browser reaches the guide's own host names (only then can addresses be compared)."""
        return self.portal == DEFAULT_URLS["portal"]


def unanswered(url: str, timeout: float = 10.0) -> str | None:
    """Why `url` does not answer (any HTTP answer, an error page too, is an answer), or None."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # only whether it answers, not whom
    try:
        with urllib.request.urlopen(url, timeout=timeout, context=context):
            return None
    except urllib.error.HTTPError:
        return None
    except (urllib.error.URLError, OSError) as error:
        return str(getattr(error, "reason", error))


def spki_of(url: str, timeout: float = 10.0) -> str | None:
    """The SHA-256 of the public key the https server at `url` presents, base64 (Chromium's SPKI pin)."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return None
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # to read it, not to trust it
    with socket.create_connection((parts.hostname, parts.port or 443), timeout=timeout) as raw, \
            context.wrap_socket(raw, server_hostname=parts.hostname) as tls:
        der = tls.getpeercert(binary_form=True)
    if der is None:
        return None
    key = x509.load_der_x509_certificate(der).public_key()
    spki = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(spki).digest()).decode()


def untrusted(url: str, spki: str | None) -> str | None:
    """Why the browser would refuse the certificate of `url` (not trusted by the system, not the key
    --trust-spki pins), naming the option that trusts it; None when it is trusted or no https."""
    if urlsplit(url).scheme != "https":
        return None
    try:
        with urllib.request.urlopen(url, timeout=10.0, context=ssl.create_default_context()):
            return None
    except urllib.error.HTTPError:
        return None
    except (urllib.error.URLError, OSError) as error:
        if not isinstance(getattr(error, "reason", error), ssl.SSLCertVerificationError):
            return None  # not a matter of trust: said by `unanswered`
    try:
        presented = spki_of(url)
    except (OSError, ValueError):
        return None
    if presented is None or presented == spki:
        return None
    given = " (--trust-spki donné ne correspond pas)" if spki else ""
    return (f"le certificat de {url} n'est reconnu par aucune autorité de confiance{given} : "
            f"ajoutez --trust-spki={presented} si c'est bien le portail de test")
