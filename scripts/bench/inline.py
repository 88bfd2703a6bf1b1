"""Both signatures written inline with hashlib/hmac for exactly the request at hand: the least code a
hand-written SDK can run per call (serialise, date, nonce, canonical form, HMAC). The floors and the signing
benchmark use these; they are checked against cloudsign's pure signers in ``signing.check_inline``."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from typing import Any
from urllib.parse import quote

from . import fixtures as fx

_SHA256 = hashlib.sha256


def das_request(host: str, body: dict[str, Any], date: str | None = None) -> tuple[bytes, dict[str, str]]:
    """Serialise the body and sign it; returns (body bytes, headers)."""
    payload = json.dumps(body, separators=(",", ":")).encode()
    return payload, das_sign(host, payload, date)


def das_sign(host: str, payload: bytes, date: str | None = None) -> dict[str, str]:
    """DAS SDK-HMAC-SHA256 over content-type, host, x-project-id, x-sdk-date; returns the headers to send."""
    date = date or time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    canonical = (
        f"POST\n{fx.DAS_PATH}/\n\n"
        f"content-type:application/json\nhost:{host}\nx-project-id:{fx.DAS_PROJECT_ID}\nx-sdk-date:{date}\n\n"
        f"content-type;host;x-project-id;x-sdk-date\n{_SHA256(payload).hexdigest()}"
    )
    to_sign = f"SDK-HMAC-SHA256\n{date}\n{_SHA256(canonical.encode()).hexdigest()}"
    signature = hmac.new(fx.HW_SK.encode(), to_sign.encode(), _SHA256).hexdigest()
    headers = {
        "Content-Type": "application/json",
        "X-Project-Id": fx.DAS_PROJECT_ID,
        "X-Sdk-Date": date,
        "Authorization": f"SDK-HMAC-SHA256 Access={fx.HW_AK}, "
        f"SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature={signature}",
    }
    return headers


_EMPTY_SHA256 = _SHA256(b"").hexdigest()


def dataworks_request(
    host: str, params: dict[str, str], date: str | None = None, nonce: str | None = None
) -> tuple[str, dict[str, str]]:
    """DataWorks ACS3-HMAC-SHA256 (RPC style: parameters in the query, empty body); returns (query, headers)."""
    query = "&".join(f"{quote(k, safe='~')}={quote(v, safe='~')}" for k, v in sorted(params.items()))
    date = date or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    nonce = nonce or os.urandom(16).hex()
    canonical = (
        f"POST\n/\n{query}\n"
        f"host:{host}\nx-acs-action:{fx.DW_ACTION}\nx-acs-content-sha256:{_EMPTY_SHA256}\n"
        f"x-acs-date:{date}\nx-acs-signature-nonce:{nonce}\nx-acs-version:{fx.DW_VERSION}\n\n"
        f"host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n{_EMPTY_SHA256}"
    )
    to_sign = f"ACS3-HMAC-SHA256\n{_SHA256(canonical.encode()).hexdigest()}"
    signature = hmac.new(fx.ALI_SK.encode(), to_sign.encode(), _SHA256).hexdigest()
    headers = {
        "x-acs-action": fx.DW_ACTION,
        "x-acs-version": fx.DW_VERSION,
        "x-acs-date": date,
        "x-acs-signature-nonce": nonce,
        "x-acs-content-sha256": _EMPTY_SHA256,
        "Authorization": f"ACS3-HMAC-SHA256 Credential={fx.ALI_AK},SignedHeaders=host;x-acs-action;"
        f"x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature={signature}",
    }
    return query, headers


def dataworks_rpc_query(params: dict[str, str], date: str | None = None, nonce: str | None = None) -> str:
    """DataWorks RPC HMAC-SHA1 (SignatureVersion 1.0): every parameter, common ones included, in the query and
    ``Signature`` appended; returns the wire query."""
    date = date or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    nonce = nonce or os.urandom(16).hex()
    common = {
        "AccessKeyId": fx.ALI_AK,
        "Action": fx.DW_ACTION,
        "Format": "JSON",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": nonce,
        "SignatureVersion": "1.0",
        "Timestamp": date,
        "Version": fx.DW_VERSION,
    }
    query = "&".join(f"{quote(k, safe='~')}={quote(v, safe='~')}" for k, v in sorted({**params, **common}.items()))
    to_sign = f"POST&%2F&{quote(query, safe='~')}"
    digest = hmac.new(f"{fx.ALI_SK}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return f"{query}&Signature={quote(base64.b64encode(digest).decode(), safe='~')}"
