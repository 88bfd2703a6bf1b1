"""What the generator is given for one document, beyond the document itself: what only cloudsign decides.

The generated packages are standalone (they never import cloudsign), yet they must agree with it. So the decisions
are made here, with cloudsign's own code (the runtime package in this .venv), and handed to the templates as data;
generator/templates hold no list of their own:

* every object schema lists its secret properties under ``x-cloudsign-secret``, as
  ``cloudsign._core.secrets.is_secret_field`` decides (model.py.jinja leaves them out of ``repr``);
* ``operations.jinja`` maps the generator's name of each operation to the id cloudsign's registry knows it by
  (endpoint_module.py.jinja hands it to the client, which then looks nothing up per call).

scripts/generate_merge.py calls ``prepare_document`` for each document it generates.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from openapi_python_client.parser.openapi import generate_operation_id
from openapi_python_client.schema import UntrustedString
from openapi_python_client.strings import PythonIdentifier
from ruamel.yaml import YAML

from cloudsign._core.secrets import is_secret_field
from cloudsign._core.specs import operations_of, resolve_refs

TEMPLATES = Path(__file__).resolve().parents[1] / "generator" / "templates"
SPEC_SUFFIX = ".yaml"


class GenerateError(Exception):
    """A problem with the specs or the generator's output; the message says which."""


# On an object schema handed to the generator: the names of its properties that are secret (model.py.jinja reads it).
SECRET_PROPERTIES = "x-cloudsign-secret"
# Where a schema's values are data, not schemas: never walked for properties.
_DATA_KEYS = frozenset({"example", "examples", "default", "const", "enum"})


def _secret_properties(schema: dict[str, Any], root: dict[str, Any]) -> list[str]:
    """The properties of SCHEMA (its own and its allOf parts') that cloudsign calls secret, refs resolved first."""
    try:
        schema = resolve_refs(schema, root)
    except (KeyError, ValueError):  # a recursive or dangling $ref: decided on what is written here
        pass
    found = [
        name
        for name, prop in (schema.get("properties") or {}).items()
        if isinstance(prop, dict) and is_secret_field(str(name), prop)
    ]
    for part in schema.get("allOf") or []:
        if isinstance(part, dict):
            found += [name for name in _secret_properties(part, root) if name not in found]
    return found


def mark_secrets(node: Any, root: dict[str, Any], *, names: bool = False) -> None:
    """Give every object schema in NODE (a document, walked in place) ``SECRET_PROPERTIES`` when it has secret
    properties. ``names``: NODE is a ``properties`` mapping (property name -> schema), not a schema."""
    if isinstance(node, list):
        for item in node:
            mark_secrets(item, root)
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if names or key not in _DATA_KEYS:
            mark_secrets(value, root, names=not names and key == "properties")
    if not names and (isinstance(node.get("properties"), dict) or isinstance(node.get("allOf"), list)):
        secret = _secret_properties(node, root)
        if secret:
            node[SECRET_PROPERTIES] = secret


def operations_template(document: dict[str, Any], prefix: str) -> str:
    """``operations.jinja``: the generator's name of each operation (its module and function names) -> the id
    cloudsign's registry knows it by (the operationId, else ``METHOD /path``)."""
    ids: dict[str, str] = {}
    for path, method, op in operations_of(document):
        raw = op.get("operationId")
        if raw:
            name = PythonIdentifier(str(raw), prefix=prefix)
        else:
            name = generate_operation_id(path=UntrustedString(path), method=method.lower(), prefix=prefix)
        ids[str(name)] = str(raw) if raw else f"{method} {path}"
    return (
        "{# Written by scripts/generate_merge.py for one document: the generator's operation name -> its id. #}\n"
        f"{{% set operation_ids = {json.dumps(ids, sort_keys=True)} %}}\n"
    )


def prepare_document(spec: Path, config: dict[str, Any], work: Path) -> tuple[Path, Path]:
    """The document (as JSON, secrets marked) and the templates (generator/templates and operations.jinja) the
    generator is given for SPEC, written under WORK. The document is read as the generator reads YAML."""
    document = YAML(typ="safe").load(spec.read_bytes())
    if not isinstance(document, dict):
        raise GenerateError(f"{spec.name}: not an OpenAPI document")
    mark_secrets(document, document)
    work.mkdir(parents=True)
    path = work / f"{spec.name[: -len(SPEC_SUFFIX)]}.json"
    try:
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    except TypeError as exc:  # a value YAML reads as no JSON type (an unquoted date): the spec should quote it
        raise GenerateError(f"{spec.name}: {exc}") from None
    templates = work / "templates"
    shutil.copytree(TEMPLATES, templates)
    prefix = str(config.get("field_prefix", "field_"))
    (templates / "operations.jinja").write_text(operations_template(document, prefix), encoding="utf-8")
    return path, templates
