"""What the whole suite shares: the order in which the test files are handed to the xdist workers (the longest
first), and a throwaway certificate authority for the TLS tests.

``make test`` runs three workers with ``--dist loadfile`` (a file's module fixtures, such as its emulators and stock
runs, are set up once). xdist hands the files out in collection order (``--no-loadscope-reorder``; its default order,
most tests first, puts the few long tests of the CLI-driven files last, where one worker then runs them alone). Longest
first leaves the short files to fill in at the end. The list only orders: a file missing from it runs after these,
in the usual order.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import trustme

# Longest first (seconds on 2 cores, from `pytest --durations=0`; a rough order is all that matters).
LONGEST = (
    "contract/test_stock.py",
    "test_breaking.py",
    "downstream/test_docs.py",
    "contract/test_asgi_dataworks.py",
    "test_generated.py",
    "core/test_hostile_servers.py",
    "contract/test_http.py",
    "downstream/test_openapi_generator.py",
    "load/test_load.py",
    "huaweicloud/test_client.py",
    "e2e/test_faults.py",
    "huaweicloud/test_signer_oracle.py",
    "e2e/test_invalid_inputs.py",
    "e2e/test_readme.py",
    "downstream/test_openapi_typescript.py",
    "emulators/test_spec_driven.py",
    "core/test_backends.py",
)
RANK = {f"tests/{name}": rank for rank, name in enumerate(LONGEST)}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Stable: a file's tests keep their order, and files not listed keep theirs, after the listed ones."""
    items.sort(key=lambda item: RANK.get(item.nodeid.split("::", 1)[0], len(RANK)))


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> tuple[trustme.CA, Path]:
    """A throwaway certificate authority (trustme) and its certificate as a PEM bundle a client can be told to
    trust. (trustme, and the cryptography it loads, only for the tests that ask.)"""
    import trustme

    authority = trustme.CA()
    bundle = tmp_path_factory.mktemp("tls") / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    return authority, bundle
