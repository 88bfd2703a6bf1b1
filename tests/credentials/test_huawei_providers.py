"""Huawei providers against the local emulators: ECS metadata (session token, older service, faults), OIDC agency
through STS, pod identity, the default chain in the official order, and the official accessors as oracles."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from cloudsign._core.errors import CredentialsError
from cloudsign.emulator.app import running
from cloudsign.emulator.huaweicloud_identity import create_metadata_app, create_sts_app
from cloudsign.huaweicloud import Credentials, default_credentials
from cloudsign.huaweicloud.providers import EcsMetadata, OidcAgency, PodIdentity

from .conftest import CLOSED

ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.huawei-id-token.sig"
POD_TOKEN = "pod-authorization-token-value"
PROVIDER_URN = "iam::0123456789:identityprovider:cce"
AGENCY_URN = "iam::0123456789:agency:cce-agency"


@pytest.fixture
def hw_metadata() -> Iterator[tuple[Starlette, str]]:
    app = create_metadata_app()
    with running(app) as url:
        yield app, url


@pytest.fixture
def hw_sts() -> Iterator[tuple[Starlette, str]]:
    app = create_sts_app(id_tokens=[ID_TOKEN], pod_tokens=[POD_TOKEN])
    with running(app) as url:
        yield app, url


def _same(app: Starlette, creds: Credentials) -> None:
    key = app.state.identity.issued[-1]
    assert (creds.ak, creds.sk, creds.security_token) == (key.access_key_id, key.secret, key.security_token)


def test_metadata_with_session_token(hw_metadata: tuple[Starlette, str]) -> None:
    app, url = hw_metadata
    app.state.identity.faults.require_token = True
    source = EcsMetadata(endpoint=url, project_id="p1")
    creds = source.current()
    _same(app, creds)
    assert creds.project_id == "p1"
    assert app.state.identity.requests == [
        ("PUT", "/meta-data/latest/api/token"),
        ("GET", "/openstack/latest/securitykey"),
    ]
    assert source.expires_at() == pytest.approx(time.time() + 3600, abs=5)


def test_metadata_older_service_without_token_endpoint(hw_metadata: tuple[Starlette, str]) -> None:
    app, url = hw_metadata
    app.state.identity.faults.token_refused = True  # 404 on the token endpoint: asked without a token
    _same(app, EcsMetadata(endpoint=url).current())


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        ({"status": 500}, "HTTP 500"),
        ({"expired": True}, "already expired"),
        ({"skew": -3700}, "already expired"),
        ({"latency": 1.0}, "Timeout"),
    ],
)
def test_metadata_faults(hw_metadata: tuple[Starlette, str], fault: dict[str, Any], expected: str) -> None:
    app, url = hw_metadata
    app.state.identity.faults.update(fault)
    with pytest.raises(CredentialsError, match=rf"^ecs_metadata: .*{expected}"):
        EcsMetadata(endpoint=url, timeout=httpx.Timeout(0.3)).current()


def test_metadata_down() -> None:
    with pytest.raises(CredentialsError, match=r"ecs_metadata.*ConnectError"):
        EcsMetadata(endpoint=CLOSED).current()


def test_oidc_agency_from_environment(hw_sts: tuple[Starlette, str], tmp_path: Path) -> None:
    app, url = hw_sts
    token_file = tmp_path / "id-token"
    token_file.write_text(ID_TOKEN)
    env = {"HUAWEICLOUD_OIDC_PROVIDER_URN": PROVIDER_URN, "HUAWEICLOUD_OIDC_AGENCY_URN": AGENCY_URN,
           "HUAWEICLOUD_OIDC_TOKEN_FILE": str(token_file), "HUAWEICLOUD_SDK_STS_ENDPOINT": url,
           "HUAWEICLOUD_SDK_PROJECT_ID": "p2"}  # fmt: skip
    creds = OidcAgency(environ=env).current()
    _same(app, creds)
    assert creds.project_id == "p2"
    token_file.write_text("rotated-but-wrong")
    with pytest.raises(CredentialsError, match=r"oidc_agency.*HTTP 401"):
        OidcAgency(environ=env).current()
    with pytest.raises(CredentialsError, match="HUAWEICLOUD_OIDC_AGENCY_URN"):
        OidcAgency(environ={"HUAWEICLOUD_OIDC_PROVIDER_URN": PROVIDER_URN})


def test_pod_identity(hw_sts: tuple[Starlette, str], tmp_path: Path) -> None:
    app, url = hw_sts
    token_file = tmp_path / "pod-token"
    token_file.write_text(POD_TOKEN)
    _same(app, PodIdentity(url + "/pod-identity", token_file).current())
    token_file.write_text("wrong")
    with pytest.raises(CredentialsError, match=r"pod_identity.*HTTP 401"):
        PodIdentity(url + "/pod-identity", token_file).current()


def test_chain_order(hw_metadata: tuple[Starlette, str], hw_sts: tuple[Starlette, str], tmp_path: Path) -> None:
    _, metadata_url = hw_metadata
    _, sts_url = hw_sts
    (tmp_path / "id-token").write_text(ID_TOKEN)
    (tmp_path / "pod-token").write_text(POD_TOKEN)
    profile = tmp_path / "profile"
    profile.write_text("[basic]\nak = PROFILEAK\nsk = profile-sk\n")
    oidc = {
        "HUAWEICLOUD_OIDC_PROVIDER_URN": PROVIDER_URN,
        "HUAWEICLOUD_OIDC_AGENCY_URN": AGENCY_URN,
        "HUAWEICLOUD_OIDC_TOKEN_FILE": str(tmp_path / "id-token"),
        "HUAWEICLOUD_SDK_STS_ENDPOINT": sts_url,
    }
    static = {"HUAWEICLOUD_SDK_AK": "ENVAK", "HUAWEICLOUD_SDK_SK": "env-sk"}
    pod = {"HC_CONTAINER_CREDENTIALS_FULL_URI": sts_url + "/pod-identity",
           "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE": str(tmp_path / "pod-token")}  # fmt: skip
    base = {"HOME": str(tmp_path / "nohome"), "HUAWEICLOUD_SDK_METADATA_ENDPOINT": metadata_url}
    assert isinstance(default_credentials({**base, **oidc, **static}), OidcAgency)
    assert default_credentials({**base, **static}) == Credentials("ENVAK", "env-sk")
    assert default_credentials({**base, "HUAWEICLOUD_SDK_CREDENTIALS_FILE": str(profile)}).current().ak == "PROFILEAK"
    assert isinstance(default_credentials({**base, **pod}), EcsMetadata)
    disabled = {**base, **pod, "HUAWEICLOUD_SDK_METADATA_DISABLED": "true"}
    assert isinstance(default_credentials(disabled), PodIdentity)
    # OIDC that fails falls through to the environment, as the official chain does
    broken = {**oidc, "HUAWEICLOUD_OIDC_TOKEN_FILE": str(tmp_path / "missing")}
    assert default_credentials({**base, **broken, **static}) == Credentials("ENVAK", "env-sk")
    with pytest.raises(CredentialsError) as info:
        default_credentials({"HOME": str(tmp_path / "nohome"), **broken})
    text = str(info.value)
    assert "oidc_agency: cannot obtain credentials" in text and "missing" in text and "ecs_metadata" in text


def test_official_metadata_accessor_gets_the_same_key() -> None:
    internal = pytest.importorskip("huaweicloudsdkcore.auth.internal")
    app = create_metadata_app(reuse=True)
    with running(app) as url:
        accessor = internal.MetadataAccessor()
        accessor._METADATA_ENDPOINT = url
        theirs = accessor.get_credential()
        ours = EcsMetadata(endpoint=url).current()
    assert (theirs.access, theirs.secret, theirs.security_token) == (ours.ak, ours.sk, ours.security_token)
    assert len(app.state.identity.issued) == 1


def test_official_pod_identity_accessor_gets_the_same_key(tmp_path: Path) -> None:
    internal = pytest.importorskip("huaweicloudsdkcore.auth.internal")
    app = create_sts_app(pod_tokens=[POD_TOKEN])
    app.state.identity.reuse = True
    (tmp_path / "t").write_text(POD_TOKEN)
    with running(app) as url:
        theirs = internal.PodIdentityAccessor(url + "/pod-identity", str(tmp_path / "t")).get_credential()
        ours = PodIdentity(url + "/pod-identity", tmp_path / "t").current()
    assert (theirs.access, theirs.secret, theirs.security_token) == (ours.ak, ours.sk, ours.security_token)


def test_huawei_client_signs_with_a_provider(hw_metadata: tuple[Starlette, str]) -> None:
    from cloudsign.huaweicloud import das_client

    _, url = hw_metadata
    source = EcsMetadata(endpoint=url)
    client = das_client(region="cn-north-4", credentials=source)
    signer = getattr(client, "cloudsign").signer  # noqa: B009 - not on the generated Client's type
    signed = signer.sign("GET", "https://das.cn-north-4.myhuaweicloud.com/v3/p/instances", {}, b"")
    assert f"Access={source.current().ak}," in signed.headers["Authorization"]
    assert signed.headers["X-Security-Token"] == source.current().security_token
