"""Credentials are checked when built: a control character or non-latin-1 text in a key or token is refused with a
CredentialsError naming the field and never showing the value (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cloudsign._core.credential_text import parse_text_file, read_ini
from cloudsign._core.errors import CredentialsError
from cloudsign.alibabacloud import Credentials as AlibabaCredentials
from cloudsign.huaweicloud import Credentials as HuaweiCredentials

SECRET = "s3cr3t-value-never-shown"
BAD = [(SECRET + "\n", "control character (U+000A)"), (SECRET + "\x7f", "U+007F"), (SECRET + "\u20ac", "latin-1")]


@pytest.mark.parametrize(("value", "rule"), BAD)
@pytest.mark.parametrize("field", ["ak", "sk", "project_id", "security_token"])
def test_huawei_refuses_bad_text(field: str, value: str, rule: str) -> None:
    kwargs = {"ak": "AK0001", "sk": "sk0001", field: value}
    with pytest.raises(CredentialsError) as caught:
        HuaweiCredentials(**kwargs)
    text = str(caught.value)
    assert f"Credentials.{field}" in text and rule in text
    assert SECRET not in text


@pytest.mark.parametrize(("value", "rule"), BAD)
@pytest.mark.parametrize("field", ["access_key_id", "access_key_secret", "security_token"])
def test_alibaba_refuses_bad_text(field: str, value: str, rule: str) -> None:
    kwargs = {"access_key_id": "LTAI0001", "access_key_secret": "secret0001", field: value}
    with pytest.raises(CredentialsError) as caught:
        AlibabaCredentials(**kwargs)
    text = str(caught.value)
    assert f"Credentials.{field}" in text and rule in text
    assert SECRET not in text


def test_latin1_and_printable_text_is_accepted() -> None:
    assert HuaweiCredentials("AK0001", "sk-é-0001", security_token="tok~+/=").sk == "sk-é-0001"
    assert AlibabaCredentials("LTAI0001", "secret é", "STS.token/+=").security_token == "STS.token/+="


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("credentials", f"sk = {SECRET}\n[basic]\n", "MissingSectionHeaderError"),  # a line before any section
        ("credentials", f"[basic]\nak = {SECRET}\n[basic]\n", "DuplicateSectionError"),
        ("config.json", f'{{"profiles": [{{"access_key_secret": "{SECRET}"', "JSONDecodeError"),
    ],
)
def test_a_file_that_does_not_parse_is_named_by_its_error_type_never_its_content(
    tmp_path: Path, name: str, text: str, kind: str
) -> None:
    """Both clouds read their INI profiles (``read_ini``) and Alibaba its CLI's JSON (``parse_text_file``) through one
    helper: a parser's message may quote the file, so only its type is named, and nothing is chained."""
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(CredentialsError) as caught:
        if name.endswith(".json"):
            parse_text_file(path, "aliyun CLI config", json.loads, (ValueError, RecursionError))
        else:
            read_ini(path, "profile file")
    message = str(caught.value)
    assert SECRET not in message, "the file's content reached the message"  # first: a failure below prints it
    assert str(path) in message and kind in message
    assert caught.value.__cause__ is None and caught.value.__context__ is None


def test_a_file_that_parses_is_returned_parsed(tmp_path: Path) -> None:
    path = tmp_path / "credentials"
    path.write_text("[basic]\nak = AK0001\nsk = 100%\n")  # no interpolation: a % stays as it is
    assert dict(read_ini(path, "profile file")["basic"]) == {"ak": "AK0001", "sk": "100%"}
