"""The records (results.py) to and from JSON, one way for all: pydantic's TypeAdapter, which checks types
(a status outside its Literal fails) on the way in."""

from __future__ import annotations

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
