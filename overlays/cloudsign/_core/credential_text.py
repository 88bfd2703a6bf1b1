"""Checks credential text when credentials are built, so a bad key fails early with a clear message.

A key or token read from a file often carries a trailing newline; non-latin-1 text cannot go into a header. Either
would otherwise surface as a signature mismatch or an encoding error deep in a send (whose message may quote the
header, secret and all). The error names the field and the rule, never the value (it may be a secret).
"""

from __future__ import annotations

from pathlib import Path

from .errors import CredentialsError


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
