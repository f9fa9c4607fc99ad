"""Nothing secret leaves a run: every password, provisional password, link token and mailbox credential is
registered as it appears, and masked in what a run leaves (traces, screenshots, reports, JUnit).

One registry per pytest process (`config.stash`): the accounts file and the simulator's employees add their
passwords, the actor what it types or reads (a provisional password, a new password, a mail's link tokens).
Text is masked by value, in every way a file may hold it (as written, URL-encoded, JSON- or HTML-escaped),
and by shape where a value may be on a page before the run could read it (an element the portal marks as a
secret, a long token in a link).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import quote, quote_plus, urlsplit

MASK = "[masqué]"
SHORTEST = 6  # shorter values (a month, a postcode) are not secrets and would mask half a page
# A value marked secret on a page, in HTML and in a trace's DOM snapshots (["STRONG",{"data-secret":""},"…"]).
MARKED = (re.compile(rb"(<[^>]*\bdata-secret\b[^>]*>)([^<]+)"),
          re.compile(rb'(\{[^{}]*"data-secret":"[^"]*"[^{}]*\},")((?:[^"\\]|\\.)+)'))
# What a page or a mail shows a secret as: « mot de passe provisoire : X » (X in group 1).
SHOWN = re.compile(r"mot\s+de\s+passe(?:\s+provisoire)?\s*:\s*([^\s<\"]{" + str(SHORTEST) + ",})", re.IGNORECASE)
LINK = re.compile(r"https?://[^\s\"'<>]+")
TOKEN = re.compile(r"[\w-]{20,}")  # a link's part that long is a token: it lets whoever holds it in


class Secrets:
    """The secrets this process met; `mask` hides them in text, `scrub` in files and archives."""

    def __init__(self) -> None:
        self.values: set[str] = set()

    def add(self, *values: object) -> None:
        for value in values:
            if isinstance(value, str) and len(value) >= SHORTEST:
                self.values.add(value)

    def add_from(self, record: dict[str, object]) -> None:
        """Every password a record holds (an account, a simulated employee, its second vault)."""
        for key, value in record.items():
            if isinstance(value, dict):
                self.add_from(value)
            elif "password" in key or "mot_de_passe" in key:
                self.add(value)

    def add_from_mail(self, text: str) -> None:
        """What a mail gives that lets one in: its link tokens and the password it shows (in its text, or in its
        HTML as read without the markup: « <td>Mot de passe provisoire :</td><td><b>X</b></td> »)."""
        read = html.unescape(re.sub(r"<[^>]*>", " ", text))
        self.add(*(shown for shown in SHOWN.findall(read) if "://" not in shown))  # a link is no password
        for link in LINK.findall(text):
            parts = urlsplit(html.unescape(link))
            self.add(*TOKEN.findall(parts.path), *TOKEN.findall(parts.query))

    def add_from_url(self, url: str) -> None:
        """A mailbox's or a site's password given in its URL."""
        self.add(urlsplit(url).password)

    def forms(self) -> list[str]:
        """Each value as a file may hold it, longest first (a value inside another is masked with it)."""
        found = set()
        for value in self.values:
            found |= {value, quote(value, safe=""), quote_plus(value), json.dumps(value)[1:-1],
                      json.dumps(value, ensure_ascii=False)[1:-1], html.escape(value)}
        return sorted(found, key=len, reverse=True)

    def mask(self, text: str) -> str:
        for form in self.forms():
            text = text.replace(form, MASK)
        return text

    def mask_bytes(self, data: bytes) -> bytes:
        for form in self.forms():
            data = data.replace(form.encode(), MASK.encode())
        for pattern in MARKED:
            data = pattern.sub(lambda m: m[1] + MASK.encode(), data)
        return data

    def scrub(self, path: Path) -> None:
        """Rewrite a file, or every member of a zip archive (a trace), without the secrets."""
        if zipfile.is_zipfile(path):
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".zip") as temporary, \
                    zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
                for member in source.infolist():
                    target.writestr(member, self.mask_bytes(source.read(member)))
            shutil.move(temporary.name, path)
        elif path.is_file():
            data = path.read_bytes()
            masked = self.mask_bytes(data)
            if masked != data:
                path.write_bytes(masked)


# In the browser: every text node and attribute that shows a registered secret, and every element the portal
# marks as secret, shows the mask instead (before a screenshot that a person may see).
ON_SCREEN = """secrets => {
  const hide = text => secrets.reduce((t, s) => t.split(s).join("MASK"), text);
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const hidden = hide(node.nodeValue);
    if (hidden !== node.nodeValue) node.nodeValue = hidden;
  }
  document.querySelectorAll("input:not([type=password]), textarea").forEach(field => {
    const hidden = hide(field.value);
    if (hidden !== field.value) field.value = hidden;
  });
}""".replace("MASK", MASK)
