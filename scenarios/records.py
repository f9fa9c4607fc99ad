"""The records (results.py) to and from JSON, one way for all: pydantic's TypeAdapter, which checks types
(a status outside its Literal fails) on the way in."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter

T = TypeVar("T")
ADAPTERS: dict[str, TypeAdapter[Any]] = {}  # a cache: building one costs a few milliseconds


def adapter(kind: Any) -> TypeAdapter[Any]:
    """pydantic's reader and writer of a record type (built once per type)."""
    key = repr(kind)
    if key not in ADAPTERS:
        ADAPTERS[key] = TypeAdapter(kind)
    return ADAPTERS[key]


def to_data(record: Any) -> Any:
    """A record as JSON-ready data (what travels in a pytest report, or is written)."""
    return adapter(type(record)).dump_python(record, mode="json")


def from_data(kind: type[T], data: Any) -> T:
    """A record read back from JSON data, checked against its type (a status outside its Literal fails)."""
    return adapter(kind).validate_python(data)


def read(path: Path, kind: type[T], default: T) -> T:
    """The record written at `path`; `default` when there is none, or when it cannot be read as one (written by
    another version, or cut short): what reads it then starts afresh, and says so."""
    if not path.is_file():
        return default
    try:
        found: T = adapter(kind).validate_json(path.read_bytes())
    except ValueError as error:  # pydantic's ValidationError is one
        print(f"attention : {path} illisible ({str(error).splitlines()[0]}), ignoré", file=sys.stderr)
        return default
    return found
