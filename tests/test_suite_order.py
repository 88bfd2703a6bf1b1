"""The longest-first list in tests/conftest.py names files that exist (a renamed file would silently fall back to the
default order), and the suite runs with the order it sets."""

from __future__ import annotations

from pathlib import Path

from .conftest import LONGEST

ROOT = Path(__file__).resolve().parents[1]


def test_every_listed_file_exists() -> None:
    assert [name for name in LONGEST if not (ROOT / "tests" / name).is_file()] == []


def test_make_test_keeps_the_collection_order() -> None:
    """xdist's default reorders the files (most tests first), which would undo the list."""
    assert "--no-loadscope-reorder" in (ROOT / "scripts" / "test.sh").read_text()
