"""Calls one operation with a client openapi-generator made, in its own process (the client is untyped code).

Usage: python og_driver.py CLIENT_DIR PACKAGE das|dataworks BASE_URL KWARGS_JSON
Prints {"result": ...} (the parsed response as a dict) or {"error": {"status", "data"}} as JSON.
"""

from __future__ import annotations

import importlib
import json
import sys
from typing import Any


def main(client_dir: str, package: str, kind: str, base_url: str, kwargs_json: str) -> None:
    """Build the client the way its README says and make one call."""
    sys.path.insert(0, client_dir)
    pkg: Any = importlib.import_module(package)
    kwargs: dict[str, Any] = json.loads(kwargs_json)
    config = pkg.Configuration(host=base_url)
    if kind == "das":
        config.api_key = {"iamToken": "iam-token-from-driver"}
    client = pkg.ApiClient(config)
    try:
        if kind == "das":
            body = pkg.CreateInstanceConnectionRequestBody.from_dict(kwargs.pop("body"))
            api = pkg.ConnectionsApi(client)
            result = api.create_instance_connection(create_instance_connection_request_body=body, **kwargs)
        else:
            result = pkg.DataSourcesApi(client).create_connection(**kwargs)
        out: dict[str, Any] = {"result": result.to_dict()}
    except pkg.ApiException as exc:
        out = {"error": {"status": exc.status, "data": exc.data.to_dict() if exc.data is not None else None}}
    print(json.dumps(out))


if __name__ == "__main__":
    main(*sys.argv[1:6])
