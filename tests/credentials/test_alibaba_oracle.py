"""The official ``alibabacloud_credentials`` providers, pointed at the same local emulators, obtain the same
credentials ours do (and the official AssumeRole signature passes our verifier)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette

from cloudsign.alibabacloud import Credentials
from cloudsign.alibabacloud.providers import CredentialsUri, EcsRamRole, OidcRoleArn, RamRoleArn
from cloudsign.emulator.alibabacloud_identity import create_credentials_uri_app, create_metadata_app
from cloudsign.emulator.app import running

from .conftest import AK, OIDC_PROVIDER_ARN, OIDC_TOKEN, ROLE, ROLE_ARN, SK

official = pytest.importorskip("alibabacloud_credentials.provider")


def _triple(creds: Any) -> tuple[str, str, str]:
    if isinstance(creds, Credentials):
        return creds.access_key_id, creds.access_key_secret, creds.security_token or ""
    return creds.get_access_key_id(), creds.get_access_key_secret(), creds.get_security_token()


@pytest.mark.parametrize("token_refused", [False, True])
def test_ecs_ram_role_same_credentials(token_refused: bool) -> None:
    app = create_metadata_app(role=ROLE, reuse=True)  # real ECS hands out the same key until it rotates
    app.state.identity.faults.token_refused = token_refused
    with running(app) as url:
        theirs = official.EcsRamRoleCredentialsProvider(async_update_enabled=False, disable_imds_v1=False)
        theirs._EcsRamRoleCredentialsProvider__metadata_service_host = url.removeprefix("http://")
        ours = EcsRamRole(endpoint=url)
        assert _triple(theirs.get_credentials()) == _triple(ours.current())
    assert len(app.state.identity.issued) == 1
    paths = {p for _, p in app.state.identity.requests}
    assert f"/latest/meta-data/ram/security-credentials/{ROLE}" in paths


def test_credentials_uri_same_credentials() -> None:
    app = create_credentials_uri_app(reuse=True)
    with running(app) as url:
        theirs = official.URLCredentialsProvider(uri=url + "/credentials")
        assert _triple(theirs.get_credentials()) == _triple(CredentialsUri(url + "/credentials").current())


def _issued(app: Starlette) -> tuple[str, str, str]:
    key = app.state.identity.issued[-1]
    return key.access_key_id, key.secret, key.security_token


def test_assume_role_both_signers_accepted(sts_app: Starlette, sts_url: str) -> None:
    theirs = official.RamRoleArnCredentialsProvider(
        access_key_id=AK, access_key_secret=SK, role_arn=ROLE_ARN, role_session_name="s", sts_endpoint=sts_url
    )
    assert _triple(theirs.get_credentials()) == _issued(sts_app)
    ours = RamRoleArn(Credentials(AK, SK), ROLE_ARN, session_name="s", sts_endpoint=sts_url)
    assert _triple(ours.current()) == _issued(sts_app)
    assert len(sts_app.state.identity.issued) == 2
    wrong = official.RamRoleArnCredentialsProvider(
        access_key_id=AK, access_key_secret="wrong", role_arn=ROLE_ARN, sts_endpoint=sts_url
    )
    with pytest.raises(Exception, match="SignatureDoesNotMatch"):
        wrong.get_credentials()


def test_assume_role_with_oidc_both(sts_app: Starlette, sts_url: str, tmp_path: Path) -> None:
    token = tmp_path / "token"
    token.write_text(OIDC_TOKEN)
    theirs = official.OIDCRoleArnCredentialsProvider(
        role_arn=ROLE_ARN, oidc_provider_arn=OIDC_PROVIDER_ARN, oidc_token_file_path=str(token), sts_endpoint=sts_url
    )
    assert _triple(theirs.get_credentials()) == _issued(sts_app)
    ours = OidcRoleArn(ROLE_ARN, OIDC_PROVIDER_ARN, token, sts_endpoint=sts_url)
    assert _triple(ours.current()) == _issued(sts_app)
