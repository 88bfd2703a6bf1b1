"""Run as a script (by test_provider_memory.py): every credential provider (or those named after ``argv[1]``)
against a local server answering a gzip bomb of ``argv[1]`` MiB; prints one JSON line per provider with its
peak-RSS growth (KiB) and the error it raised. A separate process, so the peak RSS measured is this probe's alone."""

from __future__ import annotations

import json
import resource
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from cloudsign.alibabacloud import Credentials as AliCredentials
from cloudsign.alibabacloud.providers import CredentialsUri, EcsRamRole, OidcRoleArn, RamRoleArn
from cloudsign.huaweicloud.providers import EcsMetadata, FederatedIdToken, IamPassword, OidcAgency, PodIdentity
from tests.credentials.hostile import Answer, serving

ROLE = "acs:ram::1:role/r"


def gzip_bomb(mebibytes: int) -> bytes:
    pack = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1024 * 1024)
    return b"".join(pack.compress(zeros) for _ in range(mebibytes)) + pack.flush()


def peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    bomb = gzip_bomb(int(sys.argv[1]))
    answer = Answer(headers={"Content-Type": "application/json", "Content-Encoding": "gzip"}, body=bomb)
    with TemporaryDirectory() as tmp, serving(lambda seen: answer) as (url, _):
        token_file = Path(tmp) / "token"
        token_file.write_text("a-token")
        providers: dict[str, Callable[[], Any]] = {
            "ecs_ram_role": lambda: EcsRamRole("role", endpoint=url),
            "credentials_uri": lambda: CredentialsUri(url + "/credentials"),
            "ram_role_arn": lambda: RamRoleArn(AliCredentials("AK", "SK"), ROLE, sts_endpoint=url),
            "oidc_role_arn": lambda: OidcRoleArn(ROLE, "acs:ram::1:oidc-provider/p", token_file, sts_endpoint=url),
            "ecs_metadata": lambda: EcsMetadata(endpoint=url),
            "oidc_agency": lambda: OidcAgency("urn:p", "urn:a", id_token="t", sts_endpoint=url),
            "pod_identity": lambda: PodIdentity(url + "/pod", token_file, environ={}),
            "federated_id_token": lambda: FederatedIdToken("idp", token_file, iam_endpoint=url),
            "iam_password": lambda: IamPassword("u", "p", "d", project_name="cn-north-4", iam_endpoint=url),
        }
        print(json.dumps({"compressed_bytes": len(bomb)}), flush=True)
        chosen = sys.argv[2:] or list(providers)
        for name, make in providers.items():
            if name not in chosen:
                continue
            before = peak_kib()
            try:
                make().current()
                error = "no error"
            except Exception as exc:  # reported: the test judges it
                error = f"{type(exc).__name__}: {exc}"
            print(json.dumps({"provider": name, "growth_kib": peak_kib() - before, "error": error}), flush=True)


if __name__ == "__main__":
    main()
