"""nginx on 127.0.0.1 in its own temporary prefix, answering the seed example responses with keep-alive on.

The process is started under ``timeout`` so that it stops by itself even if the benchmark dies; the context
manager stops it (SIGQUIT, then SIGKILL) on the way out.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .fixtures import DAS_RESPONSE, DATAWORKS_RESPONSE

MAX_LIFETIME_SECONDS = 1800

CONFIG = """
worker_processes 1;
daemon off;
master_process on;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log error;
events {{ worker_connections 4096; multi_accept on; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    keepalive_timeout 300s;
    keepalive_requests 10000000;
    tcp_nodelay on;
    server_tokens off;
    default_type application/json;
    server {{
        listen 127.0.0.1:{port} reuseport backlog=4096;
        location ~ ^/v3/[^/]+/instances/[^/]+/create-connection$ {{
            add_header X-Request-Id 0bc14115-bench always;
            return 200 '{das}';
        }}
        location = / {{
            return 200 '{dataworks}';
        }}
        location / {{
            return 404 '{{"error_code": "APIGW.0101", "error_msg": "not found"}}';
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def nginx_binary() -> str:
    for candidate in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("nginx not found: apt-get install -y nginx (make bench does it)")


def _wait_listening(port: int, proc: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"nginx exited with {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.02)
    raise RuntimeError("nginx did not start listening")


@contextlib.contextmanager
def nginx() -> Iterator[str]:
    """Start nginx; yield its base URL (``http://127.0.0.1:PORT``); stop it."""
    binary = nginx_binary()
    with tempfile.TemporaryDirectory(prefix="cloudsign-bench-nginx-") as tmp:
        port = free_port()
        conf = Path(tmp) / "nginx.conf"
        conf.write_text(CONFIG.format(prefix=tmp, port=port, das=DAS_RESPONSE, dataworks=DATAWORKS_RESPONSE))
        # timeout(1) sends TERM after the lifetime (nginx exits fast on TERM) and KILL 10 s later.
        user = ["-g", "user root;"] if os.geteuid() == 0 else []
        cmd = ["timeout", "-k", "10", str(MAX_LIFETIME_SECONDS), binary, *user, "-p", tmp, "-c", str(conf)]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _wait_listening(port, proc, time.monotonic() + 10)
            yield f"http://127.0.0.1:{port}"
        finally:
            _stop(proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        # timeout(1) forwards SIGTERM to nginx, which then exits at once.
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
