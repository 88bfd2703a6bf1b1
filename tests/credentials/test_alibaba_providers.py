"""Alibaba providers against the local emulators: ECS RAM role (IMDSv2, IMDSv1 fallback, disabled), RAM role ARN
(signed by our RPC v1 signer, verified by our verifier), OIDC, credentials URI, and every injected fault."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from cloudsign._core.errors import CredentialsError
from cloudsign._core.refresh import FAILURE_BACKOFF
from cloudsign.alibabacloud import Credentials
from cloudsign.alibabacloud.providers import (
    CredentialsUri,
    EcsRamRole,
    OidcRoleArn,
    RamRoleArn,
    resolve_sts_endpoint,
)
from cloudsign.emulator.alibabacloud_identity import create_credentials_uri_app
from cloudsign.emulator.app import running

from .conftest import AK, CLOSED, OIDC_PROVIDER_ARN, OIDC_TOKEN, ROLE, ROLE_ARN, SK


def _state(app: Starlette) -> Any:
    return app.state.identity


def _issued(app: Starlette, creds: Credentials) -> None:
    """``creds`` is the last key the emulator handed out (id, secret and token)."""
    last = _state(app).issued[-1]
    assert (creds.access_key_id, creds.access_key_secret, creds.security_token) == (
        last.access_key_id,
        last.secret,
        last.security_token,
    )


# --- ECS RAM role -----------------------------------------------------------------------------------------------


def test_ecs_ram_role_imdsv2_discovers_the_role(metadata_app: Starlette, metadata_url: str) -> None:
    source = EcsRamRole(endpoint=metadata_url)
    creds = source.current()
    _issued(metadata_app, creds)
    assert source.role_name == ROLE
    paths = _state(metadata_app).requests
    assert paths[0] == ("PUT", "/latest/api/token")
    assert ("GET", f"/latest/meta-data/ram/security-credentials/{ROLE}") in paths
    assert source.expires_at() == pytest.approx(time.time() + 3600, abs=5)


def test_ecs_ram_role_named_by_environment(metadata_app: Starlette, metadata_url: str) -> None:
    source = EcsRamRole(
        environ={"ALIBABA_CLOUD_ECS_METADATA": ROLE, "ALIBABA_CLOUD_ECS_METADATA_ENDPOINT": metadata_url}
    )
    source.current()
    assert ("GET", "/latest/meta-data/ram/security-credentials/") not in _state(metadata_app).requests
    with pytest.raises(CredentialsError, match="HTTP 404"):
        EcsRamRole("other-role", endpoint=metadata_url).current()


def test_token_endpoint_refused_falls_back_to_imdsv1(metadata_app: Starlette, metadata_url: str) -> None:
    _state(metadata_app).faults.token_refused = True
    _issued(metadata_app, EcsRamRole(endpoint=metadata_url).current())


def test_token_endpoint_refused_and_imdsv1_disabled_fails(metadata_app: Starlette, metadata_url: str) -> None:
    _state(metadata_app).faults.token_refused = True
    with pytest.raises(CredentialsError, match=r"ecs_ram_role.*HTTP 403 and IMDSv1 is disabled"):
        EcsRamRole(endpoint=metadata_url, environ={"ALIBABA_CLOUD_IMDSV1_DISABLED": "true"}).current()
    assert not _state(metadata_app).issued


def test_server_requiring_a_token_gets_one(metadata_app: Starlette, metadata_url: str) -> None:
    _state(metadata_app).faults.require_token = True
    _issued(metadata_app, EcsRamRole(endpoint=metadata_url, disable_imds_v1=True).current())


def test_metadata_disabled() -> None:
    with pytest.raises(CredentialsError, match="ALIBABA_CLOUD_ECS_METADATA_DISABLED"):
        EcsRamRole(environ={"ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"})


def test_metadata_down_names_provider_and_cause() -> None:
    with pytest.raises(CredentialsError, match=r"ecs_ram_role: cannot obtain credentials \(ConnectError"):
        EcsRamRole(endpoint=CLOSED).current()


def test_metadata_500(metadata_app: Starlette, metadata_url: str) -> None:
    _state(metadata_app).faults.status = 500
    with pytest.raises(CredentialsError, match=r"ecs_ram_role.*HTTP 500"):
        EcsRamRole(endpoint=metadata_url).current()


def test_metadata_slow_times_out(metadata_app: Starlette, metadata_url: str) -> None:
    """The 0.2 s read timeout ends the fetch (a ReadTimeout can only come before the 1 s answer)."""
    _state(metadata_app).faults.latency = 1.0
    with pytest.raises(CredentialsError, match=r"ecs_ram_role.*ReadTimeout"):
        EcsRamRole(endpoint=metadata_url, timeout=httpx.Timeout(0.2), disable_imds_v1=True).current()


def test_expired_credentials_handed_out(metadata_app: Starlette, metadata_url: str) -> None:
    _state(metadata_app).faults.expired = True
    with pytest.raises(CredentialsError, match=r"ecs_ram_role.*already expired"):
        EcsRamRole(endpoint=metadata_url).current()


def test_clock_skew_is_tolerated_while_the_key_is_valid_by_our_clock(
    metadata_app: Starlette, metadata_url: str
) -> None:
    _state(metadata_app).faults.skew = -1800  # the server's clock is 30 min behind: 30 min of life left for us
    source = EcsRamRole(endpoint=metadata_url)
    source.current()
    assert source.expires_at() == pytest.approx(time.time() + 1800, abs=5)
    _state(metadata_app).faults.skew = -3700  # so far behind that the key is expired by our clock
    with pytest.raises(CredentialsError, match="already expired"):
        EcsRamRole(endpoint=metadata_url).current()


def test_failed_refresh_keeps_the_valid_key(
    metadata_app: Starlette, metadata_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    now = [time.time()]
    source = EcsRamRole(endpoint=metadata_url, clock=lambda: now[0])
    first = source.current()
    now[0] += 3600 - 100  # inside the margin
    _state(metadata_app).faults.status = 500
    with caplog.at_level(logging.WARNING, logger="cloudsign"):
        assert source.current() == first
    assert "ecs_ram_role" in caplog.text and "HTTP 500" in caplog.text
    assert first.access_key_secret not in caplog.text
    _state(metadata_app).faults.status = None
    now[0] += 11
    assert source.current() != first


# --- RAM role ARN (AssumeRole) -----------------------------------------------------------------------------------


def test_ram_role_arn_signed_by_our_signer(sts_app: Starlette, sts_url: str) -> None:
    source = RamRoleArn(Credentials(AK, SK), ROLE_ARN, sts_endpoint=sts_url, session_name="s1")
    _issued(sts_app, source.current())


def test_ram_role_arn_wrong_secret_is_refused(sts_url: str) -> None:
    with pytest.raises(
        CredentialsError, match=r"ram_role_arn: .*STS 127\.0\.0\.1:\d+ answered HTTP 400 SignatureDoesNotMatch"
    ):
        RamRoleArn(Credentials(AK, "wrong"), ROLE_ARN, sts_endpoint=sts_url).current()


def test_ram_role_arn_from_environment(sts_app: Starlette, sts_url: str) -> None:
    env = {"ALIBABA_CLOUD_ROLE_ARN": ROLE_ARN, "ALIBABA_CLOUD_ROLE_SESSION_NAME": "env-session",
           "ALIBABA_CLOUD_STS_ENDPOINT": sts_url}  # fmt: skip
    source = RamRoleArn(Credentials(AK, SK), environ=env)
    assert source.role_arn == ROLE_ARN and source.session_name == "env-session"
    _issued(sts_app, source.current())
    with pytest.raises(CredentialsError, match="ALIBABA_CLOUD_ROLE_ARN"):
        RamRoleArn(Credentials(AK, SK), environ={})


def test_chainable_ram_role_arn_with_temporary_keys(sts_app: Starlette, sts_url: str) -> None:
    first = RamRoleArn(Credentials(AK, SK), ROLE_ARN, sts_endpoint=sts_url)
    second = RamRoleArn(first, ROLE_ARN + "-2", sts_endpoint=sts_url)  # signs with first's key and token
    creds = second.current()
    _issued(sts_app, creds)
    assert len(_state(sts_app).issued) == 2


def test_sts_endpoint_selection() -> None:
    assert resolve_sts_endpoint(environ={}) == "https://sts.aliyuncs.com"
    assert resolve_sts_endpoint(environ={"ALIBABA_CLOUD_STS_REGION": "cn-hangzhou"}) == (
        "https://sts.cn-hangzhou.aliyuncs.com"
    )
    env = {"ALIBABA_CLOUD_STS_REGION": "cn-beijing", "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED": "true"}
    assert resolve_sts_endpoint(environ=env) == "https://sts-vpc.cn-beijing.aliyuncs.com"
    assert resolve_sts_endpoint(sts_region="cn-shanghai", enable_vpc=False, environ=env) == (
        "https://sts.cn-shanghai.aliyuncs.com"
    )
    assert resolve_sts_endpoint("sts.example", environ=env) == "https://sts.example"
    assert resolve_sts_endpoint(environ={"ALIBABA_CLOUD_STS_ENDPOINT": "http://127.0.0.1:1/"}) == "http://127.0.0.1:1"


def test_sts_500_and_down(sts_app: Starlette, sts_url: str) -> None:
    _state(sts_app).faults.status = 500
    with pytest.raises(CredentialsError, match="HTTP 500"):
        RamRoleArn(Credentials(AK, SK), ROLE_ARN, sts_endpoint=sts_url).current()
    with pytest.raises(CredentialsError, match=r"ram_role_arn.*ConnectError"):
        RamRoleArn(Credentials(AK, SK), ROLE_ARN, sts_endpoint=CLOSED).current()


# --- OIDC ---------------------------------------------------------------------------------------------------------


def _token_file(tmp_path: Path, token: str = OIDC_TOKEN) -> Path:
    path = tmp_path / "token"
    path.write_text(token)
    return path


def test_oidc_from_environment(sts_app: Starlette, sts_url: str, tmp_path: Path) -> None:
    env = {
        "ALIBABA_CLOUD_ROLE_ARN": ROLE_ARN,
        "ALIBABA_CLOUD_OIDC_PROVIDER_ARN": OIDC_PROVIDER_ARN,
        "ALIBABA_CLOUD_OIDC_TOKEN_FILE": str(_token_file(tmp_path)),
        "ALIBABA_CLOUD_STS_ENDPOINT": sts_url,
    }
    _issued(sts_app, OidcRoleArn(environ=env).current())
    assert _state(sts_app).requests == [("POST", "/")]  # the token in a form, never in a URL


def test_oidc_rotated_token_is_reread(sts_app: Starlette, sts_url: str, tmp_path: Path) -> None:
    path = _token_file(tmp_path, "stale-token")
    now = [time.time()]
    source = OidcRoleArn(ROLE_ARN, OIDC_PROVIDER_ARN, path, sts_endpoint=sts_url, clock=lambda: now[0])
    with pytest.raises(CredentialsError, match=r"AuthenticationFail.OIDCToken.Invalid"):
        source.current()
    path.write_text(OIDC_TOKEN)
    now[0] += FAILURE_BACKOFF  # a failure is answered without a fetch for this long
    _issued(sts_app, source.current())


def test_oidc_missing_settings_and_file(tmp_path: Path, sts_url: str) -> None:
    with pytest.raises(CredentialsError, match="ALIBABA_CLOUD_OIDC_PROVIDER_ARN"):
        OidcRoleArn(ROLE_ARN, environ={})
    with pytest.raises(CredentialsError, match=r"oidc_role_arn.*cannot read .*missing.*FileNotFoundError"):
        OidcRoleArn(ROLE_ARN, OIDC_PROVIDER_ARN, tmp_path / "missing", sts_endpoint=sts_url).current()


# --- credentials URI -------------------------------------------------------------------------------------------------


def test_credentials_uri() -> None:
    app = create_credentials_uri_app()
    with running(app) as url:
        _issued(app, CredentialsUri(environ={"ALIBABA_CLOUD_CREDENTIALS_URI": url + "/creds?k=v"}).current())
        _state(app).faults.status = 503
        with pytest.raises(
            CredentialsError,
            match=r"^credentials_uri: cannot obtain credentials \(http://127.0.0.1:\d+/creds answered HTTP 503\)$",
        ):
            CredentialsUri(url + "/creds?secret=hidden").current()


# --- through a client ---------------------------------------------------------------------------------------------


def test_a_client_signs_with_refreshed_temporary_keys(metadata_app: Starlette, metadata_url: str) -> None:
    """A DataWorks client on the gateway emulator signs with an ECS role's keys; the next key after the refresh."""
    from cloudsign.alibabacloud import dataworks_client
    from cloudsign.emulator.alibabacloud import create_app
    from dataworks_client.api.data_sources import create_connection

    now = [time.time()]
    source = EcsRamRole(endpoint=metadata_url, clock=lambda: now[0])
    gateway_app = create_app(credentials={AK: SK})
    gateway = gateway_app.state.gateway
    state = _state(metadata_app)
    mint = state.mint

    def mint_and_trust() -> Any:  # the gateway learns each temporary key as the metadata service hands it out
        key = mint()
        gateway.keys[key.access_key_id] = key.secret
        gateway.tokens[key.access_key_id] = key.security_token
        return key

    state.mint = mint_and_trust
    body: dict[str, Any] = {"connection_type": "mysql", "content": "{}", "env_type": 1, "name": "n", "project_id": 1}
    with running(gateway_app) as url, dataworks_client(endpoint=url, credentials=source, max_attempts=1) as client:
        create_connection.sync_detailed(client=client, **body)
        now[0] += 3600 - 10  # inside the margin: the next call refreshes first
        create_connection.sync_detailed(client=client, **body)
    used = [c["AccessKeyId"] for c in gateway_app.state.emulator.creations.snapshot()]
    assert used == [k.access_key_id for k in state.issued]
    assert source.refreshes == 2 and len(used) == 2
