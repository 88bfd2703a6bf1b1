"""The longest-first list in tests/conftest.py names files that exist (a renamed file would silently fall back to the
default order), and the suite runs with the order it sets."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from .conftest import LONGEST, pytest_collection_modifyitems

ROOT = Path(__file__).resolve().parents[1]


def test_every_listed_file_exists() -> None:
    assert [name for name in LONGEST if not (ROOT / "tests" / name).is_file()] == []


def test_make_test_keeps_the_collection_order() -> None:
    """xdist's default reorders the files (most tests first), which would undo the list."""
    assert "--no-loadscope-reorder" in (ROOT / "scripts" / "test.sh").read_text()


def test_the_listed_files_come_first_in_list_order_and_the_rest_keep_theirs() -> None:
    def item(nodeid: str) -> Any:
        return SimpleNamespace(nodeid=nodeid)

    first, second = (f"tests/{name}" for name in LONGEST[:2])
    given = [
        item("tests/core/test_a.py::one"),
        item(f"{second}::x"),
        item("tests/core/test_b.py::two"),
        item(f"{first}::y"),
        item(f"{second}::z"),
        item("tests/core/test_a.py::three"),
    ]
    pytest_collection_modifyitems(given)
    assert [i.nodeid for i in given] == [
        f"{first}::y",
        f"{second}::x",
        f"{second}::z",
        "tests/core/test_a.py::one",
        "tests/core/test_b.py::two",
        "tests/core/test_a.py::three",
    ]
