"""Checks credential text when credentials are built, so a bad key fails early with a clear message.

A key or token read from a file often carries a trailing newline; non-latin-1 text cannot go into a header. Either
would otherwise surface as a signature mismatch or an encoding error deep in a send (whose message may quote the
header, secret and all). The error names the field and the rule, never the value (it may be a secret).
"""

from __future__ import annotations

import configparser
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .errors import CredentialsError

T = TypeVar("T")


def bad_character(value: str) -> tuple[int, str] | None:
    """The position of the first character no header can carry, and the rule it breaks; None when all is well."""
    for index, char in enumerate(value):
        code = ord(char)
        if code < 0x20 or 0x7F <= code < 0xA0:
            return index, f"a control character (U+{code:04X})"
        if code > 0xFF:
            return index, "a character outside latin-1"
    return None


def check_credential_text(owner: str, field: str, value: str | None) -> None:
    """Raise ``CredentialsError`` if ``value`` holds a control character or text outside latin-1."""
    if value is None:
        return
    if not isinstance(value, str):
        raise CredentialsError(f"{owner}.{field} must be a string, got {type(value).__name__}")
    bad = bad_character(value)
    if bad is None:
        return
    index, rule = bad
    hint = " (a trailing newline from a file?)" if rule.startswith("a control") else ""
    raise CredentialsError(f"{owner}.{field} holds {rule} at position {index}{hint}; the value is not shown")


def read_text_file(path: Path, what: str) -> str:
    """The UTF-8 text of ``path``; ``CredentialsError`` naming ``what``, the file and, for bytes that are not UTF-8,
    their position (line, column, byte offset), never the content."""
    message: str | None = None
    try:
        data = path.read_bytes()
    except OSError as exc:
        message = f"{what}: cannot read {path} ({type(exc).__name__})"
    if message is not None:
        raise CredentialsError(message)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
    line = data.count(b"\n", 0, start) + 1
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1
    raise CredentialsError(
        f"{what}: {path} is not UTF-8 text (invalid byte at line {line}, column {column}, byte offset {start}; "
        "the content is not shown)"
    )


def parse_text_file(path: Path, what: str, parse: Callable[[str], T], refused: tuple[type[Exception], ...]) -> T:
    """``parse`` of the text of ``path`` (read as ``read_text_file`` reads it). A parser's error (of ``refused``) is
    named by its type only, never chained: its message may quote a line of the file."""
    text = read_text_file(path, what)
    invalid: str | None = None
    try:
        return parse(text)
    except refused as exc:
        invalid = type(exc).__name__
    raise CredentialsError(f"{what} {path} cannot be parsed ({invalid})")  # outside the except: nothing chained


def read_ini(path: Path, what: str) -> configparser.ConfigParser:
    """The INI file at ``path`` (no interpolation: a ``%`` in a secret stays as it is)."""

    def parse(text: str) -> configparser.ConfigParser:
        parser = configparser.ConfigParser(interpolation=None)
        parser.read_string(text, source=str(path))
        return parser

    return parse_text_file(path, what, parse, (configparser.Error,))
