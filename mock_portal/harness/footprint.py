"""What the mock used to answer: the endpoints requested, and the templates (with those they extend, include
or import) and static files they rendered. The runner takes it after each step of the guide."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from flask import Flask, request, request_started, template_rendered
from jinja2 import Environment, Template, meta

ROOT = Path(__file__).resolve().parents[2]  # files are named from the project's root


class Footprint:
    """Collected from every app it watches, from the servers' threads; `take` empties it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.endpoints: set[str] = set()
        self.files: set[str] = set()
        self.references: dict[tuple[int, str], set[str]] = {}  # (environment, template) -> files it uses

    def watch(self, app: Flask) -> None:
        template_rendered.connect(self.rendered, app, weak=False)
        request_started.connect(self.requested, app, weak=False)

    def requested(self, app: Flask, **_: Any) -> None:
        endpoint = request.endpoint
        if endpoint is None:
            return
        with self.lock:
            self.endpoints.add(f"{app.config['SITE']}:{endpoint}")
            if endpoint == "static" and request.view_args and app.static_folder:
                self.files.add(relative(Path(app.static_folder) / str(request.view_args["filename"])))

    def rendered(self, app: Flask, template: Template, **_: Any) -> None:
        used = self.used_by(app.jinja_env, str(template.name))
        with self.lock:
            self.files |= used

    def used_by(self, env: Environment, name: str) -> set[str]:
        """The template's file and those it extends, includes or imports, as the app's loader finds them."""
        key = (id(env), name)
        if key not in self.references:
            assert env.loader is not None
            source, filename, _ = env.loader.get_source(env, name)
            found = {relative(Path(filename or name))}
            for referenced in meta.find_referenced_templates(env.parse(source)):
                if referenced:
                    found |= self.used_by(env, referenced)
            self.references[key] = found
        return self.references[key]

    def take(self) -> tuple[list[str], list[str]]:
        """(files, endpoints) used since the last take."""
        with self.lock:
            files, endpoints = sorted(self.files), sorted(self.endpoints)
            self.files.clear()
            self.endpoints.clear()
        return files, endpoints


def relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
