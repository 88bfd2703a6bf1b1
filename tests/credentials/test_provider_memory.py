"""Issue 22 M4: a credential answer is read with a bound on its decoded size. Every provider meets a gzip bomb
(128 MiB of zeros in 128 KiB) in a separate process, whose peak RSS is measured around each fetch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cloudsign._core.provider_io import MAX_ANSWER

ROOT = Path(__file__).resolve().parents[2]
BOMB_MIB = 128
# What a bounded read may add to the peak: the 1 MiB answer, the inflater's steps, a client and its TLS context.
ALLOWED_GROWTH_KIB = 32 * 1024


def test_every_provider_refuses_a_compression_bomb_without_growing() -> None:
    probe = subprocess.run(
        [sys.executable, "-m", "tests.credentials.memory_probe", str(BOMB_MIB)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr[-2000:]
    lines = [json.loads(line) for line in probe.stdout.splitlines()]
    assert lines[0]["compressed_bytes"] < 256 * 1024
    results = lines[1:]
    assert len(results) == 9
    for result in results:
        assert result["error"].startswith("CredentialsError"), result
        assert f"over {MAX_ANSWER} bytes" in result["error"], result
        assert result["growth_kib"] < ALLOWED_GROWTH_KIB, result
