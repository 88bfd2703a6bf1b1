"""Credentials are checked when built: a control character or non-latin-1 text in a key or token is refused with a
CredentialsError naming the field and never showing the value (issue 12)."""

from __future__ import annotations

import pytest

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
