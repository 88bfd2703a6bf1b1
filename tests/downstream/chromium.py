"""Headless Chromium (Debian's package) as the test's eyes: the DOM after scripts ran, and screenshots."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--virtual-time-budget=10000",  # let Redoc hydrate and render before the DOM is read
)  # fmt: skip


def ensure_chromium() -> str | None:
    """Install Debian's chromium when missing (CI starts from a fresh machine); the reason to skip if that fails."""
    if CHROMIUM.exists():
        return None
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return (
            "chromium is missing and cannot be installed here (needs root and apt-get): install Debian's chromium, "
            "or run the tests as root and they install it"
        )
    # Both xdist workers may get here: one installs, the other waits on the lock and then finds it installed.
    with open(Path(tempfile.gettempdir()) / "cloudsign-chromium-install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not CHROMIUM.exists():
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            script = "apt-get update -qq && apt-get install -y -qq chromium"
            argv = ["sh", "-c", script]
            proc = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=900, check=False)
            if proc.returncode != 0 or not CHROMIUM.exists():
                return f"apt-get could not install chromium (exit {proc.returncode}): {proc.stderr[-500:]}"
    return None


def _chromium(*args: str) -> str:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        argv = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args]
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=90, check=False)
    if proc.returncode != 0:
        raise AssertionError(f"chromium exited {proc.returncode}\n{proc.stderr[-3000:]}")
    return proc.stdout


def dump_dom(url: str) -> str:
    """The serialized DOM once the page's scripts have run."""
    return _chromium("--dump-dom", url)


def screenshot(url: str, png: Path) -> None:
    png.parent.mkdir(parents=True, exist_ok=True)
    _chromium("--hide-scrollbars", "--window-size=1400,1800", f"--screenshot={png}", url)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.depth += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.depth and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    """Text a reader sees: the page also embeds the whole spec in a script, which must not count as rendered."""
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts)
