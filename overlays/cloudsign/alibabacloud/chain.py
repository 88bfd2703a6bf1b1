"""The default chain of Alibaba Cloud credentials, walked once when a client is built.

The chain follows the official ``alibabacloud_credentials`` default provider, in its order:

1. environment variables ``ALIBABA_CLOUD_ACCESS_KEY_ID`` / ``_SECRET`` (+ ``ALIBABA_CLOUD_SECURITY_TOKEN``);
2. OIDC role ARN (RRSA), when ``ALIBABA_CLOUD_ROLE_ARN``, ``ALIBABA_CLOUD_OIDC_PROVIDER_ARN`` and
   ``ALIBABA_CLOUD_OIDC_TOKEN_FILE`` are all set;
3. the aliyun CLI's ``~/.aliyun/config.json`` (its current profile, or ``$ALIBABA_CLOUD_PROFILE``; skipped when
   ``ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true``), modes ``AK``, ``StsToken``, ``RamRoleArn``, ``EcsRamRole``,
   ``OIDC`` and ``ChainableRamRoleArn``;
4. the INI file ``$ALIBABA_CLOUD_CREDENTIALS_FILE`` or ``~/.alibabacloud/credentials.ini`` (section
   ``$ALIBABA_CLOUD_PROFILE`` or ``default``), types ``access_key``, ``sts``, ``ram_role_arn``, ``oidc_role_arn``
   and ``ecs_ram_role``;
5. the ECS RAM role from the instance metadata service, unless ``ALIBABA_CLOUD_ECS_METADATA_DISABLED=true``;
6. ``ALIBABA_CLOUD_CREDENTIALS_URI``, when set.

Inside ``cloudsign.testing.emulated()`` the chain stops after step 1: then come the emulator's demo keys.

Static keys come back as ``Credentials``; the role modes as a refreshing source (``cloudsign.alibabacloud
.providers``), fetched once here so a source that cannot work is passed over (as the official chain does) and its
reason named in the error. ``ALIBABA_CLOUD_ROLE_ARN`` alone assumes no role on top of the environment's keys: the
official chain does not either (use ``RamRoleArn(Credentials.from_env())`` for that). Not offered: the CLI's
``CloudSSO``, ``OAuth`` and ``External`` modes and the ``rsa_key_pair`` type.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._core.credential_text import parse_text_file, read_ini
from .._core.errors import CredentialsError
from .._core.switch import default_key
from . import providers as p
from .credentials import (
    ENV_ACCESS_KEY_ID,
    ENV_ACCESS_KEY_SECRET,
    ENV_CLI_DISABLED,
    ENV_CREDENTIALS_FILE,
    ENV_CREDENTIALS_URI,
    ENV_ECS_METADATA_DISABLED,
    ENV_OIDC_PROVIDER_ARN,
    ENV_OIDC_TOKEN_FILE,
    ENV_PROFILE,
    ENV_ROLE_ARN,
    Credentials,
    _from_env,
)

if TYPE_CHECKING:
    from .._core.refresh import CredentialsSource


def _fetched(source: CredentialsSource[Credentials]) -> CredentialsSource[Credentials]:
    """A role source is fetched once when found, so one that cannot work fails here, naming itself."""
    source.current()
    return source


def _cli_profile(
    config: Any, name: str, path: Path, env: Mapping[str, str], seen: tuple[str, ...] = ()
) -> Credentials | CredentialsSource[Credentials] | None:
    if name in seen:
        raise CredentialsError(f"aliyun CLI profile {name!r} in {path}: source_profile loops ({' -> '.join(seen)})")
    for profile in config.get("profiles") or []:
        if profile.get("name") != name:
            continue
        mode = profile.get("mode")
        key_id, secret = profile.get("access_key_id"), profile.get("access_key_secret")
        if mode in ("AK", "StsToken", "RamRoleArn") and (not key_id or not secret):
            raise CredentialsError(f"aliyun CLI profile {name!r} in {path} lacks access_key_id/access_key_secret")
        sts: dict[str, Any] = {
            "session_name": profile.get("ram_session_name") or None,
            "duration": int(profile.get("expired_seconds") or p.DEFAULT_DURATION),
            "policy": profile.get("policy") or None,
            "sts_region": profile.get("sts_region") or None,
            "enable_vpc": profile.get("enable_vpc"),
            "environ": env,
        }
        if mode == "AK":
            return Credentials(key_id, secret)
        if mode == "StsToken":
            return Credentials(key_id, secret, profile.get("sts_token") or None)
        if mode == "RamRoleArn":
            return p.RamRoleArn(
                Credentials(key_id, secret),
                profile.get("ram_role_arn"),
                external_id=profile.get("external_id") or None,
                **sts,
            )
        if mode == "ChainableRamRoleArn":
            source = _cli_profile(config, profile.get("source_profile") or "", path, env, (*seen, name))
            if source is None:
                raise CredentialsError(f"aliyun CLI profile {name!r} in {path}: source_profile not found")
            return p.RamRoleArn(
                source, profile.get("ram_role_arn"), external_id=profile.get("external_id") or None, **sts
            )
        if mode == "EcsRamRole":
            return p.EcsRamRole(profile.get("ram_role_name") or None, environ=env)
        if mode == "OIDC":
            sts["session_name"] = profile.get("role_session_name") or None
            return p.OidcRoleArn(
                profile.get("ram_role_arn"), profile.get("oidc_provider_arn"), profile.get("oidc_token_file"), **sts
            )
        raise CredentialsError(
            f"aliyun CLI profile {name!r} in {path} has unsupported mode {mode!r} "
            "(AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn)"
        )
    return None


def _from_cli_config(
    path: Path, profile_name: str | None, env: Mapping[str, str]
) -> Credentials | CredentialsSource[Credentials] | None:
    """The aliyun CLI's JSON config: ``{"current": name, "profiles": [{"name", "mode", "access_key_id", ...}]}``."""
    if not path.is_file():
        return None
    # Not UTF-8 or not JSON: named by the position or the decoder's error type, never the content.
    config: Any = parse_text_file(path, "aliyun CLI config", json.loads, (ValueError, RecursionError))
    return _cli_profile(config, profile_name or config.get("current") or "default", path, env)


INI_TYPES = ("access_key", "sts", "ram_role_arn", "oidc_role_arn", "ecs_ram_role")


def _from_ini(
    path: Path, profile_name: str, env: Mapping[str, str]
) -> Credentials | CredentialsSource[Credentials] | None:
    """The INI credentials file: ``[default]`` with ``type = access_key`` (or another of ``INI_TYPES``)."""
    if not path.is_file():
        return None
    parser = read_ini(path, "credentials file")  # not UTF-8 or not INI: named by position or error type
    if not parser.has_section(profile_name):
        return None
    section = parser[profile_name]
    kind = section.get("type", "access_key")
    if kind not in INI_TYPES:
        raise CredentialsError(
            f"profile [{profile_name}] in {path} has unsupported type {kind!r} ({', '.join(INI_TYPES)})"
        )
    if kind == "ecs_ram_role":
        return p.EcsRamRole(section.get("role_name") or None, environ=env)
    if kind == "oidc_role_arn":
        return p.OidcRoleArn(
            section.get("role_arn"),
            section.get("oidc_provider_arn"),
            section.get("oidc_token_file_path"),
            session_name=section.get("role_session_name") or None,
            policy=section.get("policy") or None,
            environ=env,
        )
    key_id, secret = section.get("access_key_id"), section.get("access_key_secret")
    if not key_id or not secret:
        raise CredentialsError(f"profile [{profile_name}] in {path} lacks access_key_id/access_key_secret")
    if kind == "ram_role_arn":
        return p.RamRoleArn(
            Credentials(key_id, secret),
            section.get("role_arn"),
            session_name=section.get("role_session_name") or None,
            policy=section.get("policy") or None,
            environ=env,
        )
    token = section.get("security_token") if kind == "sts" else None
    return Credentials(key_id, secret, token or None)


def default_credentials(
    environ: Mapping[str, str] | None = None, home: Path | None = None
) -> Credentials | CredentialsSource[Credentials]:
    """Walk the chain (see the module docstring); raise ``CredentialsError`` naming every place looked at and, for
    a role source that failed, why."""
    env = os.environ if environ is None else environ
    home = Path.home() if home is None else home
    looked: list[str] = [f"environment variables {ENV_ACCESS_KEY_ID}/{ENV_ACCESS_KEY_SECRET}"]
    found = _from_env(env)
    if found is not None:
        return found
    if (emulated := default_key("alibabacloud")) is not None:  # inside cloudsign.testing.emulated()
        return Credentials(*emulated)

    def attempt(make: Callable[[], CredentialsSource[Credentials] | None]) -> CredentialsSource[Credentials] | None:
        try:
            source = make()
            return None if source is None else _fetched(source)
        except CredentialsError as exc:
            looked[-1] += f" ({exc})"
            return None

    oidc_vars = (ENV_ROLE_ARN, ENV_OIDC_PROVIDER_ARN, ENV_OIDC_TOKEN_FILE)
    if all(env.get(name) for name in oidc_vars):
        looked.append("OIDC role ARN from " + "/".join(oidc_vars))
        if (source := attempt(lambda: p.OidcRoleArn(environ=env))) is not None:
            return source
    profile = env.get(ENV_PROFILE) or None
    if env.get(ENV_CLI_DISABLED, "").lower() != "true":
        cli_path = home / ".aliyun" / "config.json"
        looked.append(f"aliyun CLI config {cli_path} (profile {profile or 'current'})")
        cli = _from_cli_config(cli_path, profile, env)
        if isinstance(cli, Credentials):
            return cli
        if (source := attempt(lambda: cli)) is not None:
            return source
    ini_path = (
        Path(env[ENV_CREDENTIALS_FILE]) if env.get(ENV_CREDENTIALS_FILE) else home / ".alibabacloud" / "credentials.ini"
    )
    looked.append(f"credentials file {ini_path} [{profile or 'default'}]")
    ini = _from_ini(ini_path, profile or "default", env)
    if isinstance(ini, Credentials):
        return ini
    if (source := attempt(lambda: ini)) is not None:
        return source
    if env.get(ENV_ECS_METADATA_DISABLED, "").lower() != "true":
        looked.append("ECS RAM role from the instance metadata service")
        if (source := attempt(lambda: p.EcsRamRole(environ=env))) is not None:
            return source
    if env.get(ENV_CREDENTIALS_URI):
        looked.append(f"{ENV_CREDENTIALS_URI}")
        if (source := attempt(lambda: p.CredentialsUri(environ=env))) is not None:
            return source
    raise CredentialsError("no Alibaba Cloud credentials found; looked at: " + "; ".join(looked))
