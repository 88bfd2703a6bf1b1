"""Credential providers fetch through the transport interface with the transport settings of the client they were
built into (issue 24): its proxy and its TLS verification, unless the provider has settings of its own; alone, a
provider has the defaults. A fetch that failed before any answer is sent once more."""

from __future__ import annotations

import http.server
import json
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import brotli  # type: ignore[import-untyped]  # pinned in requirements/dev.in
import pytest
import trustme

from cloudsign import alibabacloud
from cloudsign._core.errors import CredentialsError
from cloudsign._core.provider_io import DEFAULT_LINK, link_of, use_transport
from cloudsign.alibabacloud import Credentials
from cloudsign.alibabacloud.providers import CredentialsUri, RamRoleArn

from .conftest import AK, ROLE_ARN, SK
from .hostile import Answer, Seen, serving

REMOTE_STS = "http://sts.cloudsign.invalid"


def _answer() -> bytes:
    expiration = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
    key = {"Code": "Success", "AccessKeyId": "STS.TRANSPORT0001", "AccessKeySecret": "transport-secret-9Jx"}
    return json.dumps({**key, "SecurityToken": "transport-token-2Kd", "Expiration": expiration}).encode()


@pytest.fixture
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)


def _client(credentials: object, **options: object) -> object:
    return alibabacloud.dataworks_client(
        region="cn-hangzhou", endpoint="http://127.0.0.1:9", credentials=credentials, **options
    )


def test_a_provider_fetches_through_the_proxy_of_its_client(no_proxy_env: None) -> None:
    with serving(lambda seen: Answer(status=502, body=b"{}")) as (proxy, server):
        role = RamRoleArn(Credentials(AK, SK), ROLE_ARN, sts_endpoint=REMOTE_STS)
        assert link_of(role) is DEFAULT_LINK  # alone: the defaults (verify, the environment's proxy)
        _client(role, proxy=proxy)
        with pytest.raises(CredentialsError, match="HTTP 502"):
            role.current()
    assert [seen.target.split("?")[0] for seen in server.seen] == [f"{REMOTE_STS}/"]


def test_a_provider_with_settings_of_its_own_keeps_them(no_proxy_env: None) -> None:
    role = RamRoleArn(Credentials(AK, SK), ROLE_ARN, sts_endpoint=REMOTE_STS)
    use_transport(role, verify=False)
    _client(role, proxy="http://127.0.0.1:9")
    assert (link_of(role).proxy, link_of(role).verify) == (None, False)


class _Credentials(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        body = _answer()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def https_uri(ca: tuple[trustme.CA, Path]) -> Iterator[str]:
    """A credentials URI over TLS, with a certificate only ``ca`` vouches for."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca[0].issue_cert("127.0.0.1").configure_cert(context)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Credentials)
    server.daemon_threads = True
    server.handle_error = lambda *args: None  # type: ignore[method-assign] # a client refusing our certificate
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}/credentials"
    finally:
        server.shutdown()
        server.server_close()


def test_a_provider_verifies_tls_as_its_client_does(https_uri: str, ca: tuple[trustme.CA, Path]) -> None:
    alone = CredentialsUri(https_uri)
    with pytest.raises(CredentialsError, match="ConnectError"):  # the system's CAs do not know this one
        alone.current()
    built_in = CredentialsUri(https_uri)
    _client(built_in, verify=ssl.create_default_context(cafile=str(ca[1])))
    fetched = built_in.current().access_key_secret == "transport-secret-9Jx"
    assert fetched, "the provider did not hand out the served secret"  # compared here: a failure prints no secret


@pytest.fixture
def drops_first_connection() -> Iterator[tuple[str, list[int]]]:
    """Closes its first connection as soon as the request arrived (no answer); answers the next ones."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[int] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                accepted.append(1)
                if len(accepted) > 1:
                    body = _answer()
                    head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
                    conn.sendall(head.encode() + b"Connection: close\r\n\r\n" + body)

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/credentials", accepted
    finally:
        listener.close()


def test_an_idempotent_fetch_cut_off_is_sent_once_more(drops_first_connection: tuple[str, list[int]]) -> None:
    uri, accepted = drops_first_connection
    assert CredentialsUri(uri).current().access_key_id == "STS.TRANSPORT0001"
    assert len(accepted) == 2


def _brotli_answer(seen: Seen) -> Answer:
    return Answer(
        headers={"Content-Type": "application/json", "Content-Encoding": "br"}, body=brotli.compress(_answer())
    )


def test_an_encoding_not_asked_for_is_refused_direct_or_through_a_proxy(no_proxy_env: None) -> None:
    with serving(_brotli_answer) as (url, _):
        with pytest.raises(CredentialsError, match="'br'"):  # direct (loopback): the stdlib transport refuses it
            CredentialsUri(url + "/credentials").current()
        role = RamRoleArn(Credentials(AK, SK), ROLE_ARN, sts_endpoint=REMOTE_STS)
        _client(role, proxy=url)  # through a proxy: urllib3 could decode it; the provider still refuses it
        with pytest.raises(CredentialsError, match="unasked-for encoding 'br'"):
            role.current()
