"""Huawei IAM: IAM-token authentication (``X-Auth-Token``: a static token, or ``IamPassword`` tokens from IAM) through
the gateway emulator, and the federated ID token exchanged through IAM for temporary keys (``FederatedIdToken``,
environment and profile, in the chain where the official one has it), with the official SDK as oracle."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from cloudsign._core.errors import ConfigurationError, CredentialsError
from cloudsign.emulator.app import running
from cloudsign.emulator.huaweicloud import DEMO_IAM_TOKEN, KnownToken, create_app
from cloudsign.emulator.huaweicloud_identity import create_iam_app, project_id_of
from cloudsign.huaweicloud import Credentials, IamToken, IamTokenAuth, IamTokenSigner, default_credentials
from cloudsign.huaweicloud import das_client as make_das_client
from cloudsign.huaweicloud import errors as das_errors
from cloudsign.huaweicloud.providers import FederatedIdToken, IamPassword
from das_client.api.connections import create_instance_connection as op
from das_client.models import CreateInstanceConnectionRequestBody
from tests.huaweicloud.conftest import EXAMPLE_BODY, INSTANCE_ID, PROJECT_ID, official_request

BODY = CreateInstanceConnectionRequestBody.from_dict(EXAMPLE_BODY)
STATIC_TOKEN = "MIIstatic-iam-token-never-printed-0123"  # searched for in output
DOMAIN, USER, PASSWORD = "acme", "deployer", "iam-password-never-printed-9Zq"
IDP = "cloudsign-idp"
ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.federated-id-token.sig"
AK, SK = "HWIAMTESTAK000000001", "iam-test-sk-never-printed-42"


@pytest.fixture
def iam() -> Iterator[tuple[Starlette, str]]:
    app = create_iam_app(users=[(DOMAIN, USER, PASSWORD)], idps={IDP: [ID_TOKEN]})
    with running(app) as url:
        yield app, url


def _create(client: Any, project_id: str = PROJECT_ID) -> str:
    return str(op.call(project_id, INSTANCE_ID, client=client, body=BODY).connection_id)


# --- IAM-token authentication -------------------------------------------------------------------------------------


def test_token_signer_adds_only_x_auth_token() -> None:
    for token in (STATIC_TOKEN, IamToken(STATIC_TOKEN, PROJECT_ID)):
        signer = IamTokenSigner(token)
        signed = signer.sign("POST", "https://das.example/v3/p/x", {"Content-Type": "application/json"}, b"{}")
        assert signed.headers == {"X-Auth-Token": STATIC_TOKEN} and signed.url is None
        assert signer.sign_pairs("GET", "https://das.example/v3/p/x", [("a", "1")], {}, b"").headers == signed.headers
        assert STATIC_TOKEN not in repr(signer) + str(IamToken(STATIC_TOKEN)) + repr(IamTokenAuth(token))
    with pytest.raises(CredentialsError, match=r"IamToken\.token holds a control character"):
        IamToken(STATIC_TOKEN + "\n")


def test_gateway_accepts_known_tokens_and_refuses_others() -> None:
    now = time.time()
    tokens = [
        KnownToken(STATIC_TOKEN, now + 3600, PROJECT_ID),
        KnownToken("expired-token-value", now - 10),
        KnownToken("other-project-token", None, "0" * 32),
    ]
    with running(create_app(credentials={AK: SK}, tokens=tokens)) as url:
        assert _create(make_das_client(endpoint=url, iam_token=IamToken(STATIC_TOKEN)))
        assert _create(make_das_client(endpoint=url, credentials=Credentials(AK, SK)))  # AK/SK as before
        cases = {
            "wrong-token-value": "decrypt token fail",
            "expired-token-value": "token expires, expires_at: ",
            "other-project-token": "not scoped to the project",
        }
        for token, message in cases.items():
            with pytest.raises(das_errors.AuthenticationError) as info:
                _create(make_das_client(endpoint=url, iam_token=token))
            assert info.value.code == "APIGW.0301" and info.value.status_code == 401
            assert message in str(info.value) and token not in str(info.value) + repr(info.value)
        # a plain httpx client with the token auth
        response = httpx.post(
            f"{url}/v3/{PROJECT_ID}/instances/{INSTANCE_ID}/create-connection",
            json=BODY.to_dict(),
            auth=IamTokenAuth(STATIC_TOKEN),
        )
        assert response.status_code in (200, 201), response.status_code


def test_demo_token_only_without_explicit_keys() -> None:
    with running(create_app()) as url:
        assert _create(make_das_client(endpoint=url, iam_token=DEMO_IAM_TOKEN))
    with running(create_app(credentials={AK: SK})) as url, pytest.raises(das_errors.AuthenticationError):
        _create(make_das_client(endpoint=url, iam_token=DEMO_IAM_TOKEN))


def test_factory_takes_keys_or_a_token_not_both() -> None:
    with pytest.raises(ConfigurationError, match="not both"):
        make_das_client(endpoint="http://127.0.0.1:9", credentials=Credentials(AK, SK), iam_token=STATIC_TOKEN)
    with pytest.raises(ConfigurationError, match="iam_token="):
        make_das_client(endpoint="http://127.0.0.1:9", credentials=IamToken(STATIC_TOKEN))


def test_iam_password_tokens_through_the_gateway(iam: tuple[Starlette, str]) -> None:
    app, url = iam
    now = [time.time()]
    source = IamPassword(USER, PASSWORD, DOMAIN, project_name="cn-north-4", iam_endpoint=url, clock=lambda: now[0])
    first = source.current()
    issued = app.state.iam.issued
    assert len(issued) == 1 and first.token == issued[0].token
    assert first.project_id == project_id_of("cn-north-4")
    assert source.expires_at() == pytest.approx(now[0] + 24 * 3600, abs=5)
    with running(create_app(tokens=app.state.iam.lookup)) as gateway:
        client = make_das_client(endpoint=gateway, iam_token=source)
        assert _create(client, project_id_of("cn-north-4"))
        with pytest.raises(das_errors.AuthenticationError, match="not scoped"):
            _create(client, PROJECT_ID)
        now[0] += 24 * 3600 - 200  # in the refresh window: a new token, one fetch
        assert source.current().token != first.token and source.refreshes == 2
        assert _create(client, project_id_of("cn-north-4"))
    assert app.state.identity.requests == [("POST", "/v3/auth/tokens")] * 2


def test_iam_password_tokens_from_async_calls() -> None:
    """X-Auth-Token on the async path: the first call and the 16 calls that find the token expired fetch once
    each, off the event loop, and the gateway accepts every call (IAM, gateway and client share one clock)."""
    now = [time.time()]
    app = create_iam_app(users=[(DOMAIN, USER, PASSWORD)], clock=lambda: now[0])
    project = project_id_of("cn-north-4")
    body = CreateInstanceConnectionRequestBody.from_dict(EXAMPLE_BODY)

    async def calls(n: int) -> list[str]:
        results = await asyncio.gather(*(op.acall(project, INSTANCE_ID, client=client, body=body) for _ in range(n)))
        return [r.connection_id for r in results]

    with running(app) as url, running(create_app(tokens=app.state.iam.lookup, clock=lambda: now[0])) as gateway:
        source = IamPassword(USER, PASSWORD, DOMAIN, project_name="cn-north-4", iam_endpoint=url, clock=lambda: now[0])
        client = make_das_client(endpoint=gateway, iam_token=source)

        async def main() -> list[str]:
            first = await calls(1)
            now[0] += 24 * 3600 + 1  # expired: every call must wait for the one new token
            return first + await calls(16)

        ids = asyncio.run(main())
    assert len(ids) == 17 and all(ids)
    assert source.refreshes == 2
    assert app.state.identity.requests == [("POST", "/v3/auth/tokens")] * 2


def test_iam_password_errors(iam: tuple[Starlette, str]) -> None:
    _, url = iam
    with pytest.raises(CredentialsError, match=r"^iam_password: cannot obtain credentials \(IAM .* HTTP 401\)") as info:
        IamPassword(USER, "wrong-password-xyz", DOMAIN, project_id=PROJECT_ID, iam_endpoint=url).current()
    assert "wrong-password-xyz" not in str(info.value)
    with pytest.raises(CredentialsError, match="project_id, project_name or HUAWEICLOUD_SDK_PROJECT_ID"):
        IamPassword(USER, PASSWORD, DOMAIN, iam_endpoint=url, environ={})
    scoped = IamPassword(USER, PASSWORD, DOMAIN, iam_endpoint=url, environ={"HUAWEICLOUD_SDK_PROJECT_ID": PROJECT_ID})
    assert scoped.current().project_id == PROJECT_ID
    with pytest.raises(CredentialsError, match=r"iam_password.*ConnectError"):
        IamPassword(USER, PASSWORD, DOMAIN, project_id=PROJECT_ID, iam_endpoint="http://127.0.0.1:9").current()


# --- Federated ID token through IAM -------------------------------------------------------------------------------


def _same(app: Starlette, creds: Credentials) -> None:
    key = app.state.identity.issued[-1]
    assert (creds.ak, creds.sk, creds.security_token) == (key.access_key_id, key.secret, key.security_token)


def test_federated_id_token_from_environment(iam: tuple[Starlette, str], tmp_path: Path) -> None:
    app, url = iam
    token_file = tmp_path / "id-token"
    token_file.write_text(ID_TOKEN + "\n")
    env = {"HUAWEICLOUD_SDK_IDP_ID": IDP, "HUAWEICLOUD_SDK_ID_TOKEN_FILE": str(token_file),
           "HUAWEICLOUD_SDK_IAM_ENDPOINT": url, "HUAWEICLOUD_SDK_PROJECT_ID": PROJECT_ID}  # fmt: skip
    source = FederatedIdToken(environ=env)
    creds = source.current()
    _same(app, creds)
    assert creds.project_id == PROJECT_ID
    assert app.state.identity.requests == [
        ("POST", "/v3.0/OS-AUTH/id-token/tokens"),
        ("POST", "/v3.0/OS-CREDENTIAL/securitytokens"),
    ]
    token_file.write_text("rotated-but-wrong")  # re-read on every fetch
    with pytest.raises(CredentialsError, match=r"federated_id_token.*id-token/tokens answered HTTP 401"):
        FederatedIdToken(environ=env).current()
    with pytest.raises(CredentialsError, match="HTTP 404"):
        FederatedIdToken("unknown-idp", token_file, iam_endpoint=url).current()
    with pytest.raises(CredentialsError, match="HUAWEICLOUD_SDK_ID_TOKEN_FILE must both be set"):
        FederatedIdToken(environ={"HUAWEICLOUD_SDK_IDP_ID": IDP})


@pytest.mark.parametrize(
    ("fault", "expected"),
    [({"status": 500}, "HTTP 500"), ({"expired": True}, "HTTP 401"), ({"latency": 1.0}, "Timeout")],
)
def test_federated_faults(iam: tuple[Starlette, str], tmp_path: Path, fault: dict[str, Any], expected: str) -> None:
    app, url = iam
    (tmp_path / "t").write_text(ID_TOKEN)
    app.state.identity.faults.update(fault)
    with pytest.raises(CredentialsError, match=rf"^federated_id_token: .*{expected}"):
        FederatedIdToken(IDP, tmp_path / "t", iam_endpoint=url, timeout=httpx.Timeout(0.3)).current()


def test_chain_puts_the_federated_token_first_in_environment_and_profile(
    iam: tuple[Starlette, str], tmp_path: Path
) -> None:
    _, url = iam
    (tmp_path / "id-token").write_text(ID_TOKEN)
    federated = {"HUAWEICLOUD_SDK_IDP_ID": IDP, "HUAWEICLOUD_SDK_ID_TOKEN_FILE": str(tmp_path / "id-token"),
                 "HUAWEICLOUD_SDK_IAM_ENDPOINT": url}  # fmt: skip
    static = {"HUAWEICLOUD_SDK_AK": "ENVAK", "HUAWEICLOUD_SDK_SK": "env-sk"}
    base = {"HOME": str(tmp_path / "nohome"), "HUAWEICLOUD_SDK_METADATA_DISABLED": "true"}
    assert isinstance(default_credentials({**base, **federated, **static}), FederatedIdToken)
    broken = {**federated, "HUAWEICLOUD_SDK_ID_TOKEN_FILE": str(tmp_path / "missing")}
    assert default_credentials({**base, **broken, **static}) == Credentials("ENVAK", "env-sk")

    profile = tmp_path / "profile"
    profile.write_text(
        f"[basic]\nak = PROFILEAK\nsk = profile-sk\nproject_id = {PROJECT_ID}\n"
        f"idp_id = {IDP}\nid_token_file = {tmp_path / 'id-token'}\niam_endpoint = {url}\n"
    )
    in_profile = default_credentials({**base, "HUAWEICLOUD_SDK_CREDENTIALS_FILE": str(profile)})
    assert isinstance(in_profile, FederatedIdToken)
    assert in_profile.iam_endpoint == url and in_profile.current().project_id == PROJECT_ID
    profile.write_text(profile.read_text().replace(str(tmp_path / "id-token"), str(tmp_path / "missing")))
    fallback = default_credentials({**base, "HUAWEICLOUD_SDK_CREDENTIALS_FILE": str(profile)})
    assert isinstance(fallback, Credentials) and fallback.ak == "PROFILEAK"
    profile.write_text(f"[basic]\nidp_id = {IDP}\nid_token_file = {tmp_path / 'missing'}\n")
    with pytest.raises(CredentialsError) as info:
        default_credentials({**base, "HUAWEICLOUD_SDK_CREDENTIALS_FILE": str(profile)})
    assert "federated_id_token: cannot obtain credentials" in str(info.value)


def _official_http_client() -> Any:
    from huaweicloudsdkcore.exceptions.exception_handler import DefaultExceptionHandler
    from huaweicloudsdkcore.http.http_client import HttpClient
    from huaweicloudsdkcore.http.http_config import HttpConfig

    config = HttpConfig.get_default_config()
    config.timeout = (5, 10)
    return HttpClient(config, None, DefaultExceptionHandler(), logging.getLogger("oracle"))


def test_official_federal_accessor_gets_the_same_key(tmp_path: Path) -> None:
    """huaweicloudsdkcore's federated credentials, pointed at the same IAM emulator, obtain the key ours do; then the
    official DAS client signs with them and the gateway emulator accepts its request."""
    pytest.importorskip("huaweicloudsdkcore")
    from huaweicloudsdkcore.auth.credentials import BasicCredentials

    app = create_iam_app(idps={IDP: [ID_TOKEN]})
    app.state.identity.reuse = True
    (tmp_path / "t").write_text(ID_TOKEN)
    with running(app) as url:
        ours = FederatedIdToken(IDP, tmp_path / "t", iam_endpoint=url, project_id=PROJECT_ID).current()
        theirs = BasicCredentials(project_id=PROJECT_ID).with_idp_id(IDP).with_id_token_file(str(tmp_path / "t"))
        theirs.with_iam_endpoint(url).process_sts(_official_http_client())
        assert (theirs.ak, theirs.sk, theirs.security_token) == (ours.ak, ours.sk, ours.security_token)
        assert len(app.state.identity.issued) == 1
        gateway = create_app(temporary_credentials=[(ours.ak, ours.sk, str(ours.security_token))])
        with running(gateway) as gateway_url:
            from huaweicloudsdkcore.http.http_config import HttpConfig
            from huaweicloudsdkdas.v3 import DasClient

            official = (
                DasClient.new_builder()
                .with_http_config(HttpConfig.get_default_config())
                .with_credentials(theirs)
                .with_endpoints([gateway_url])
                .build()
            )
            response = official.create_instance_connection(official_request(BODY.to_dict()))
            assert response.connection_id
            assert _create(make_das_client(endpoint=gateway_url, credentials=ours))


def test_no_iam_secret_in_repr_logs_or_errors(
    iam: tuple[Starlette, str], tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    app, url = iam
    (tmp_path / "t").write_text(ID_TOKEN)
    shown: list[str] = []
    with caplog.at_level(logging.DEBUG):
        password = IamPassword(USER, PASSWORD, DOMAIN, project_id=PROJECT_ID, iam_endpoint=url)
        federated = FederatedIdToken(IDP, tmp_path / "t", iam_endpoint=url)
        token, creds = password.current(), federated.current()
        shown += [repr(password), str(password), repr(token), str(token), repr(federated), repr(creds)]
        shown += [repr(IamTokenSigner(password)), repr(app.state.iam.issued)]
        with running(create_app(tokens=app.state.iam.lookup)) as gateway:
            assert _create(make_das_client(endpoint=gateway, iam_token=password))
            with pytest.raises(das_errors.AuthenticationError) as info:
                _create(make_das_client(endpoint=gateway, iam_token=STATIC_TOKEN))
            shown += [str(info.value), repr(info.value)]
        app.state.identity.faults.status = 500
        for source in (IamPassword(USER, PASSWORD, DOMAIN, project_id=PROJECT_ID, iam_endpoint=url),
                       FederatedIdToken(IDP, tmp_path / "t", iam_endpoint=url)):  # fmt: skip
            with pytest.raises(CredentialsError) as failed:
                source.current()
            shown.append(str(failed.value))
    out = capsys.readouterr()
    text = "\n".join([*shown, caplog.text, out.out, out.err])
    assert "X-Auth-Token" in caplog.text  # the client's debug log shows the header, masked
    secrets = [PASSWORD, ID_TOKEN, STATIC_TOKEN] + [t.token for t in app.state.iam.issued]
    secrets += [k.secret for k in app.state.identity.issued] + [k.security_token for k in app.state.identity.issued]
    assert len(secrets) == 3 + 2 + 2
    for secret in secrets:
        assert secret not in text
