"""New secrets (keys handed out, OIDC tokens, the caller's secret) never appear in reprs, logs or errors."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from starlette.applications import Starlette

from cloudsign._core.errors import CredentialsError
from cloudsign.alibabacloud import Credentials
from cloudsign.alibabacloud.auth import Acs3Signer
from cloudsign.alibabacloud.providers import EcsRamRole, OidcRoleArn, RamRoleArn

from .conftest import AK, OIDC_PROVIDER_ARN, OIDC_TOKEN, ROLE_ARN, SK


def test_no_secret_in_repr_logs_or_errors(
    metadata_app: Starlette,
    metadata_url: str,
    sts_app: Starlette,
    sts_url: str,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    now = [time.time()]
    shown: list[str] = []
    token_file = tmp_path / "token"
    token_file.write_text(OIDC_TOKEN)
    with caplog.at_level(logging.DEBUG):
        ecs = EcsRamRole(endpoint=metadata_url, clock=lambda: now[0])
        role = RamRoleArn(Credentials(AK, SK), ROLE_ARN, sts_endpoint=sts_url, clock=lambda: now[0])
        oidc = OidcRoleArn(ROLE_ARN, OIDC_PROVIDER_ARN, token_file, sts_endpoint=sts_url, clock=lambda: now[0])
        chained = RamRoleArn(role, ROLE_ARN, sts_endpoint=sts_url, clock=lambda: now[0])  # a token in the URL
        for source in (ecs, role, oidc, chained):
            creds = source.current()
            shown += [repr(source), str(source), repr(creds), repr(Acs3Signer(source)), repr(Acs3Signer(creds))]
        now[0] += 3600 - 60  # refresh window, with every service failing: warnings
        metadata_app.state.identity.faults.status = 500
        sts_app.state.identity.faults.status = 500
        for source in (ecs, role, oidc):
            source.current()
        now[0] += 120  # expired: errors
        for source in (ecs, role, oidc):
            with pytest.raises(CredentialsError) as info:
                source.current()
            shown.append(str(info.value))
    out = capsys.readouterr()
    text = "\n".join([*shown, caplog.text, out.out, out.err])
    assert "refresh failed" in caplog.text and "HTTP 500" in text
    # The requests were logged (the chained role's URL holds a security token and a signature), and masked.
    assert "credentials request GET" in caplog.text and "SecurityToken=" in caplog.text
    secrets = [SK, OIDC_TOKEN]
    for app in (metadata_app, sts_app):
        secrets += [k.secret for k in app.state.identity.issued] + [k.security_token for k in app.state.identity.issued]
    assert len(secrets) == 2 + 2 * 4
    for secret in secrets:
        assert secret not in text
