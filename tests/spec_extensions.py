"""Extended copies of specs/ for tests that add operations the way a user would: spec lines only.

* DAS (``huaweicloud-das.yaml``) gets ``GET /v3/{project_id}/connections`` (``ListConnections``, query ``limit``
  1..100 and ``offset`` >= 0, a JSON object back) and ``DELETE /v3/{project_id}/connections/{connection_id}``
  (``DeleteConnection``, 204 or 200 without a body).
* DataWorks gets a second RPC action as one more document of the service,
  ``alibabacloud-dataworks.UpdateConnection.yaml`` (``POST /`` with ``Action=UpdateConnection``): ``ConnectionId``,
  ``Content`` (a JSON document in a string), ``EnvType`` (0 or 1) and an optional ``Description``; the error
  responses and the shared schemas are those of the CreateConnection document, word for word.

``write_extended_specs(dest)`` copies specs/ to DEST as it was before the real connection lifecycle was added (the
create operations only: every other DAS path, the create answer's links and every further DataWorks document are
left out, so that the sketches above do not collide with the vendor's own ListConnections and UpdateConnection),
applies both and returns DEST; the two ``extend_*`` / ``update_connection_document`` functions work on parsed
documents for tests that want one only.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
DAS = "huaweicloud-das.yaml"
DATAWORKS = "alibabacloud-dataworks.yaml"
UPDATE_CONNECTION = "alibabacloud-dataworks.UpdateConnection.yaml"

Document = dict[str, Any]

_DAS_ERRORS = {
    "400": {"$ref": "#/components/responses/ClientError"},
    "401": {"$ref": "#/components/responses/Unauthorized"},
    "429": {"$ref": "#/components/responses/TooManyRequests"},
    "500": {"$ref": "#/components/responses/ServerError"},
}
_DAS_REQUEST_ID = {"X-Request-Id": {"$ref": "#/components/headers/XRequestId"}}
CONNECTION_ID_EXAMPLE = "99af0766-c3f4-4e4e-a95e-14a1b070188e"


def extend_das(spec: Document) -> Document:
    """A copy of the DAS document with ListConnections (GET, query parameters) and DeleteConnection (DELETE)."""
    spec = copy.deepcopy(spec)
    spec["paths"]["/v3/{project_id}/connections"] = {
        "parameters": [{"$ref": "#/components/parameters/ProjectId"}],
        "get": {
            "operationId": "ListConnections",
            "tags": ["Connections"],
            "summary": "Listing Instance Connections",
            "description": "This API is used to list the instance connections of a project, a page at a time.",
            "parameters": [
                {
                    "name": "limit",
                    "in": "query",
                    "required": False,
                    "description": "Number of records per page, 1 to 100.",
                    "schema": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 100},
                    "example": 10,
                },
                {
                    "name": "offset",
                    "in": "query",
                    "required": False,
                    "description": "Offset of the first record, 0 or more.",
                    "schema": {"type": "integer", "format": "int32", "minimum": 0},
                    "example": 0,
                },
            ],
            "responses": {
                "200": {
                    "description": "Successful response",
                    "headers": _DAS_REQUEST_ID,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/ListConnectionsResponseBody"},
                            "examples": {
                                "listed": {
                                    "summary": "One connection",
                                    "value": {
                                        "connections": [
                                            {"connection_id": CONNECTION_ID_EXAMPLE, "engine_type": "mysql"}
                                        ],
                                        "total_count": 1,
                                    },
                                }
                            },
                        }
                    },
                },
                **_DAS_ERRORS,
            },
        },
    }
    spec["paths"]["/v3/{project_id}/connections/{connection_id}"] = {
        "parameters": [
            {"$ref": "#/components/parameters/ProjectId"},
            {
                "name": "connection_id",
                "in": "path",
                "required": True,
                "description": "Connection ID, a UUID of 36 characters.",
                "schema": {"type": "string", "minLength": 36, "maxLength": 36, "pattern": "^[A-Za-z0-9-]{36}$"},
                "example": CONNECTION_ID_EXAMPLE,
            },
        ],
        "delete": {
            "operationId": "DeleteConnection",
            "tags": ["Connections"],
            "summary": "Deleting an Instance Connection",
            "description": "This API is used to delete an instance connection.",
            "responses": {
                "204": {"description": "The connection was deleted.", "headers": _DAS_REQUEST_ID},
                "200": {"description": "The connection was deleted (no body).", "headers": _DAS_REQUEST_ID},
                **_DAS_ERRORS,
            },
        },
    }
    spec["components"]["schemas"]["ListConnectionsResponseBody"] = {
        "type": "object",
        "description": "One page of instance connections.",
        "required": ["connections", "total_count"],
        "properties": {
            "connections": {
                "type": "array",
                "description": "The connections on this page.",
                "items": {
                    "type": "object",
                    "required": ["connection_id"],
                    "properties": {
                        "connection_id": {"type": "string", "description": "Connection ID."},
                        "engine_type": {"type": "string", "description": "DB engine type."},
                    },
                },
            },
            "total_count": {"type": "integer", "minimum": 0, "description": "Number of connections in all pages."},
        },
        "examples": [
            {"connections": [{"connection_id": CONNECTION_ID_EXAMPLE, "engine_type": "mysql"}], "total_count": 1}
        ],
    }
    return spec


def update_connection_document(create_connection: Document) -> Document:
    """The DataWorks UpdateConnection action as a document of its own, built from the CreateConnection document
    (servers, security, tags, error responses and shared schemas copied unchanged)."""
    base = copy.deepcopy(create_connection)
    create = base["paths"]["/"]["post"]
    schemas = base["components"]["schemas"]
    param = {p["name"]: p for p in create["parameters"]}
    errors = {code: r for code, r in create["responses"].items() if not code.startswith("2")}
    return {
        "openapi": base["openapi"],
        "info": {
            **{k: v for k, v in base["info"].items() if k not in ("title", "summary", "description")},
            "title": "Alibaba Cloud DataWorks (dataworks-public 2020-05-18) - UpdateConnection",
            "summary": "The DataWorks RPC action UpdateConnection, which updates a data source.",
            "description": "One more action of the DataWorks service (see the main document, "
            "alibabacloud-dataworks.yaml, for how an RPC action is modelled).\n",
        },
        "servers": base["servers"],
        "security": base["security"],
        "tags": base["tags"],
        "paths": {
            "/": {
                "post": {
                    "operationId": "UpdateConnection",
                    "tags": ["DataSources"],
                    "summary": "Call UpdateConnection to update a data source.",
                    "description": "Call UpdateConnection to update a data source.\n\n"
                    "Sample request: `http(s)://[Endpoint]/?Action=UpdateConnection&<Common request parameters>`.\n",
                    "parameters": [
                        {
                            **param["Action"],
                            "description": "The operation that you want to perform. Set the value to UpdateConnection.",
                            "schema": {"type": "string", "const": "UpdateConnection", "default": "UpdateConnection"},
                            "example": "UpdateConnection",
                        },
                        param["Version"],
                        {
                            "name": "ConnectionId",
                            "in": "query",
                            "required": True,
                            "description": "The ID of the data source.",
                            "schema": {"type": "integer", "format": "int64"},
                            "example": 123,
                        },
                        {
                            **param["Content"],
                            "description": "Details of the data source: a JSON object serialised into a string (see "
                            "`ConnectionContent`). It usually holds a database password.\n",
                        },
                        param["EnvType"],
                        {
                            "name": "Description",
                            "in": "query",
                            "required": False,
                            "description": "The description of the data source.",
                            "schema": {"type": "string"},
                            "example": "abc",
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "The data source was updated.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/UpdateConnectionResponseBody"},
                                    "examples": {
                                        "updated": {
                                            "summary": "Sample success response",
                                            "value": {
                                                "RequestId": "0bc141151593763****",
                                                "Success": True,
                                                "Data": True,
                                            },
                                        }
                                    },
                                }
                            },
                        },
                        **errors,
                    },
                }
            }
        },
        "components": {
            "securitySchemes": base["components"]["securitySchemes"],
            "schemas": {
                "ConnectionContent": schemas["ConnectionContent"],
                "UpdateConnectionResponseBody": {
                    "type": "object",
                    "required": ["RequestId", "Success"],
                    "properties": {
                        "RequestId": {"type": "string", "description": "The ID of the request."},
                        "Success": {"type": "boolean", "description": "Whether the request succeeded."},
                        "Data": {"type": "boolean", "description": "Whether the data source was updated."},
                    },
                    "examples": [{"RequestId": "0bc141151593763****", "Success": True, "Data": True}],
                },
                "Error": schemas["Error"],
            },
        },
    }


def _load(path: Path) -> Document:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _dump(document: Document, path: Path) -> None:
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")


def create_only(spec: Document) -> Document:
    """A copy of a document with only its create operations (``x-cloudsign-resource`` role ``create``), without
    links to the operations left out."""
    spec = copy.deepcopy(spec)
    kept: Document = {}
    for path, item in spec["paths"].items():
        methods = {k: v for k, v in item.items() if isinstance(v, dict) and "operationId" in v}
        if any((op.get("x-cloudsign-resource") or {}).get("role") == "create" for op in methods.values()):
            kept[path] = item
            for op in methods.values():
                for response in op.get("responses", {}).values():
                    response.pop("links", None)
    spec["paths"] = kept
    return spec


def write_extended_specs(dest: Path) -> Path:
    """Copy specs/ to DEST (which must not exist yet) with the create operations only, add both extensions there,
    and return DEST."""
    shutil.copytree(SPECS, dest)
    for extra in dest.glob("*.*.yaml"):
        extra.unlink()
    _dump(extend_das(create_only(_load(dest / DAS))), dest / DAS)
    _dump(update_connection_document(_load(dest / DATAWORKS)), dest / UPDATE_CONNECTION)
    return dest
