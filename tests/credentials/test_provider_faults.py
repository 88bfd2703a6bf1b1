"""Credential providers against hostile servers, files and environments (issue 22: Huawei OIDC 2xx, LM2, LM3, L4
and the secrets in a failed exchange). Every secret is searched for in the whole exception: str, repr, the
``__cause__``/``__context__`` chain, attributes (a transport error's request body) and pickles."""

from __future__ import annotations

import json
import pickle
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cloudsign._core.errors import CredentialsError
from cloudsign._core.refresh import Refreshing
from cloudsign.alibabacloud import Credentials as AliCredentials
from cloudsign.alibabacloud.chain import default_credentials as ali_default
from cloudsign.alibabacloud.providers import CredentialsUri, OidcRoleArn, RamRoleArn
from cloudsign.emulator.alibabacloud_identity import create_credentials_uri_app
from cloudsign.emulator.alibabacloud_identity import create_sts_app as ali_sts_app
from cloudsign.emulator.app import running
from cloudsign.emulator.huaweicloud_identity import create_iam_app
from cloudsign.emulator.huaweicloud_identity import create_metadata_app as hw_metadata_app
from cloudsign.emulator.huaweicloud_identity import create_sts_app as hw_sts_app
from cloudsign.huaweicloud import Credentials as HwCredentials
from cloudsign.huaweicloud import default_credentials as hw_default
from cloudsign.huaweicloud.providers import EcsMetadata, FederatedIdToken, IamPassword, OidcAgency, PodIdentity

from .conftest import AK, CLOSED, OIDC_PROVIDER_ARN, OIDC_TOKEN, ROLE_ARN, SK
from .hostile import Answer, Seen, serving

ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.hostile-id-token-Zk41.sig"
POD_TOKEN = "pod-token-first-half"
PROVIDER_URN, AGENCY_URN = "iam::0123456789:identityprovider:cce", "iam::0123456789:agency:cce-agency"
DOMAIN, USER, PASSWORD = "acme", "deployer", "hostile-iam-password-7Qd"
IDP = "cloudsign-idp"
PROFILE_AK, PROFILE_SK = "PROFILEAKLEAKCHECK01", "profile-sk-never-shown-8Xv"


def reachable(exc: BaseException) -> str:
    """Everything reachable from ``exc``: str, repr, attributes, pickles and requests, over the whole chain."""
    out: list[str] = []
    stack: list[object] = [exc]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        out += [str(node), repr(node)]
        if isinstance(node, BaseException):
            stack += [node.__cause__, node.__context__, *node.args]
            try:
                out.append(pickle.dumps(node).decode("latin-1"))
            except Exception as failure:
                out.append(type(failure).__name__)
        for value in getattr(node, "__dict__", {}).values():
            stack.append(value)
            content = getattr(value, "content", None)  # an httpx.Request: its body
            if isinstance(content, bytes):
                out.append(content.decode("latin-1"))
    return "\n".join(out)


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, list[Seen]]]:
    """A hostile proxy in the environment: records the targets it was asked for and answers 502."""
    with serving(lambda seen: Answer(status=502, body=b"{}")) as (url, server):
        for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy"):
            monkeypatch.delenv(name, raising=False)
        for name in ("HTTP_PROXY", "http_proxy"):
            monkeypatch.setenv(name, url)
        yield url, server.seen


# --- L4: loopback goes direct, other hosts still through the proxy ------------------------------------------------


def test_loopback_credential_endpoints_never_go_through_the_proxy(
    proxy: tuple[str, list[Seen]], tmp_path: Path
) -> None:
    _, asked = proxy
    token_file = tmp_path / "token"
    token_file.write_text(OIDC_TOKEN)
    with running(ali_sts_app({AK: SK}, oidc_tokens=[OIDC_TOKEN])) as sts, running(create_credentials_uri_app()) as uri:
        RamRoleArn(AliCredentials(AK, SK), ROLE_ARN, sts_endpoint=sts).current()
        OidcRoleArn(ROLE_ARN, OIDC_PROVIDER_ARN, token_file, sts_endpoint=sts).current()
        CredentialsUri(uri + "/credentials").current()
    id_file = tmp_path / "id-token"
    id_file.write_text(ID_TOKEN)
    with running(hw_sts_app(id_tokens=[ID_TOKEN], pod_tokens=[POD_TOKEN])) as sts:
        OidcAgency(PROVIDER_URN, AGENCY_URN, id_token=ID_TOKEN, sts_endpoint=sts).current()
    with running(create_iam_app(users=[(DOMAIN, USER, PASSWORD)], idps={IDP: [ID_TOKEN]})) as iam:
        FederatedIdToken(IDP, id_file, iam_endpoint=iam).current()
        IamPassword(USER, PASSWORD, DOMAIN, project_name="cn-north-4", iam_endpoint=iam).current()
    assert asked == [], f"{len(asked)} credential requests went through the proxy"


def test_remote_credential_endpoints_still_use_the_proxy(proxy: tuple[str, list[Seen]]) -> None:
    _, asked = proxy
    source = RamRoleArn(AliCredentials(AK, SK), ROLE_ARN, sts_endpoint="http://sts.cloudsign.invalid")
    with pytest.raises(CredentialsError, match="HTTP 502"):
        source.current()
    assert [seen.target.split("?")[0] for seen in asked] == ["http://sts.cloudsign.invalid/"]


@pytest.mark.parametrize("host", ["10.0.0.5", "169.254.170.99", "metadata.example.com", "[fd00::1]"])
def test_plain_http_credentials_uris_are_refused_off_loopback_and_link_local(host: str, tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(POD_TOKEN)
    uri = f"http://{host}/creds?sig=query-secret"
    with pytest.raises(CredentialsError, match=r"pod_identity: plain http:// .* refused") as pod:
        PodIdentity(uri, token_file, environ={})
    with pytest.raises(CredentialsError, match=r"credentials_uri: plain http:// .* refused") as ali:
        CredentialsUri(uri, environ={})
    assert "query-secret" not in str(pod.value) + str(ali.value)
    # The explicit opt-ins: an argument, or the environment variable.
    assert PodIdentity(uri, token_file, allow_http=True, environ={}).uri == uri
    assert CredentialsUri(uri, environ={"CLOUDSIGN_ALLOW_HTTP_CREDENTIALS_URI": "true"}).uri == uri
    # https anywhere, and the documented hosts over plain http, need no opt-in.
    PodIdentity(f"https://{host}/creds", token_file, environ={})
    for allowed in ("127.0.0.2", "[::1]", "localhost", "169.254.170.2", "169.254.170.23", "[fd00:ec2::23]"):
        PodIdentity(f"http://{allowed}:8080/creds", token_file, environ={})
        CredentialsUri(f"http://{allowed}/creds", environ={})


# --- Huawei OIDC: any 2xx is success, as in huaweicloudsdkcore ----------------------------------------------------


def _hw_credential(status: int) -> Answer:
    body = {
        "credential": {
            "access": "HWOIDC2XXAK000000001",
            "secret": "oidc-2xx-secret",
            "securitytoken": "oidc-2xx-token",
            "expires_at": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime(time.time() + 3600)),
        }
    }
    return Answer(status=status, body=json.dumps(body).encode())


@pytest.mark.parametrize("status", [200, 201, 202, 299])
def test_huawei_oidc_accepts_any_2xx(status: int) -> None:
    with serving(lambda seen: _hw_credential(status)) as (url, server):
        creds = OidcAgency(PROVIDER_URN, AGENCY_URN, id_token=ID_TOKEN, sts_endpoint=url).current()
    assert creds.ak == "HWOIDC2XXAK000000001" and server.seen[0].target == "/v5/agencies/assume-with-oidc"


@pytest.mark.parametrize("status", [300, 400, 500])
def test_huawei_oidc_refuses_other_statuses(status: int) -> None:
    with serving(lambda seen: _hw_credential(status)) as (url, _):
        with pytest.raises(CredentialsError, match=f"HTTP {status}"):
            OidcAgency(PROVIDER_URN, AGENCY_URN, id_token=ID_TOKEN, sts_endpoint=url).current()


# --- the secrets sent in a failed exchange stay out of the error ----------------------------------------------------


def test_a_failed_exchange_chains_no_secret(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(OIDC_TOKEN)
    id_file = tmp_path / "id-token"
    id_file.write_text(ID_TOKEN)
    failing: list[Refreshing[Any]] = [
        OidcAgency(PROVIDER_URN, AGENCY_URN, id_token=ID_TOKEN, sts_endpoint=CLOSED),
        FederatedIdToken(IDP, id_file, iam_endpoint=CLOSED),
        IamPassword(USER, PASSWORD, DOMAIN, project_name="cn-north-4", iam_endpoint=CLOSED),
        OidcRoleArn(ROLE_ARN, OIDC_PROVIDER_ARN, token_file, sts_endpoint=CLOSED),
        RamRoleArn(AliCredentials(AK, SK), ROLE_ARN, sts_endpoint=CLOSED),
    ]
    for source in failing:
        with pytest.raises(CredentialsError, match="ConnectError") as info:
            source.current()
        text = reachable(info.value)
        for secret in (ID_TOKEN, OIDC_TOKEN, PASSWORD, SK):
            assert secret not in text, f"{source!r}: a secret is reachable from the error"
        assert info.value.__cause__ is None and info.value.__context__ is None


# --- LM2: a profile file that is not UTF-8 ------------------------------------------------------------------------


def _latin1_profile(path: Path, section: str, ak: str, sk: str) -> Path:
    path.write_bytes(f"[{section}]\n{ak} = {PROFILE_AK}\n".encode() + f"{sk} = {PROFILE_SK}\xe9\n".encode("latin-1"))
    return path


def test_huawei_profile_not_utf8_names_file_and_position_and_the_chain_goes_on(tmp_path: Path) -> None:
    profile = _latin1_profile(tmp_path / "credentials", "basic", "ak", "sk")
    with pytest.raises(CredentialsError, match=r"not UTF-8 text \(invalid byte at line 3, column 32") as info:
        HwCredentials.from_profile(profile)
    assert str(profile) in str(info.value)
    text = reachable(info.value)
    assert PROFILE_AK not in text and PROFILE_SK not in text
    # The chain passes the file over as it does any other broken source, and finds the metadata service.
    with running(hw_metadata_app()) as metadata:
        env = {"HUAWEICLOUD_SDK_CREDENTIALS_FILE": str(profile), "HUAWEICLOUD_SDK_METADATA_ENDPOINT": metadata}
        assert isinstance(hw_default(env), EcsMetadata)
    with pytest.raises(CredentialsError, match=r"no Huawei Cloud credentials found.*line 3, column 32") as info:
        hw_default({"HUAWEICLOUD_SDK_CREDENTIALS_FILE": str(profile), "HUAWEICLOUD_SDK_METADATA_DISABLED": "true"})
    text = reachable(info.value)
    assert PROFILE_AK not in text and PROFILE_SK not in text


@pytest.mark.parametrize("broken", ["latin-1", "no section header"])
def test_alibaba_ini_not_utf8_is_a_broken_source_like_an_invalid_one(tmp_path: Path, broken: str) -> None:
    ini = tmp_path / "credentials.ini"
    if broken == "latin-1":
        _latin1_profile(ini, "default", "access_key_id", "access_key_secret")
    else:
        ini.write_text(f"access_key_id = {PROFILE_AK}\naccess_key_secret = {PROFILE_SK}\n")
    env = {"ALIBABA_CLOUD_CREDENTIALS_FILE": str(ini), "ALIBABA_CLOUD_CLI_PROFILE_DISABLED": "true"}
    with pytest.raises(CredentialsError, match=f"credentials file.*{ini.name}") as info:
        ali_default(env, home=tmp_path)
    if broken == "latin-1":
        assert "line 3, column 47" in str(info.value)
    text = reachable(info.value)
    assert PROFILE_AK not in text and PROFILE_SK not in text


def test_alibaba_cli_config_not_utf8(tmp_path: Path) -> None:
    config = tmp_path / ".aliyun" / "config.json"
    config.parent.mkdir()
    profile = {"name": "default", "mode": "AK", "access_key_id": PROFILE_AK, "access_key_secret": PROFILE_SK + "\u00e9"}
    body = json.dumps({"current": "default", "profiles": [profile]}, ensure_ascii=False)
    config.write_bytes(body.encode("latin-1"))
    with pytest.raises(CredentialsError, match=r"config\.json is not UTF-8 text \(invalid byte at line 1") as info:
        ali_default({}, home=tmp_path)
    text = reachable(info.value)
    assert PROFILE_AK not in text and PROFILE_SK not in text


# --- LM3: a token file is never quoted ------------------------------------------------------------------------------


@pytest.mark.parametrize("inner", ["\n", "\r", "\x00", "\u2028"])
def test_a_token_file_with_an_inner_break_is_refused_without_quoting_it(tmp_path: Path, inner: str) -> None:
    token_file = tmp_path / "pod-token"
    token_file.write_text(f"{POD_TOKEN}{inner}second-half-Wq2\n", encoding="utf-8")
    with running(hw_sts_app(id_tokens=[ID_TOKEN], pod_tokens=[POD_TOKEN])) as sts:
        sources: list[Refreshing[Any]] = [
            PodIdentity(sts + "/pod", token_file, environ={}),
            OidcAgency(PROVIDER_URN, AGENCY_URN, id_token_file=token_file, sts_endpoint=sts),
            OidcRoleArn(ROLE_ARN, OIDC_PROVIDER_ARN, token_file, sts_endpoint=sts),
        ]
        for source in sources:
            with pytest.raises(CredentialsError, match=r"the token in .*pod-token holds .* at position 20") as info:
                source.current()
            text = reachable(info.value)
            assert POD_TOKEN not in text and "second-half-Wq2" not in text
