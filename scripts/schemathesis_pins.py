"""Write the ``[[operations]]`` entries of schemathesis.toml from specs/: every operation's ``const`` query
parameters (an RPC action's ``Action`` and ``Version``), fixed to the values its document pins, so that negative
contract runs break business parameters instead of the constants; and, for an operation whose
``x-cloudsign-resource`` names a ``missing`` answer (an unknown or deleted id, e.g. 400), that status among the ones
the ``positive_data_acceptance`` check accepts: a schema-valid request naming an id nobody created is answered so.
Run by ``make generate`` (scripts/generate.sh): adding an action to a spec is all it takes.

Usage: scripts/schemathesis_pins.py SPECS_DIR [CONFIG]   (default CONFIG: schemathesis.toml next to specs/)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

BEGIN = "# BEGIN pinned constants (written by make generate from specs/; do not edit by hand)"
END = "# END pinned constants"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# schemathesis' default for positive_data_acceptance (schemathesis.config._checks), to which a missing status is added.
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]


def entries(specs: Path) -> list[tuple[str, tuple[dict[str, str], list[str]]]]:
    """(operationId, (pinned query parameters, statuses positive_data_acceptance accepts, when not the default))
    for every operation that has either, sorted."""
    found: dict[str, tuple[dict[str, str], list[str]]] = {}
    for document in sorted(specs.glob("*.yaml")):
        spec: dict[str, Any] = yaml.safe_load(document.read_text(encoding="utf-8"))
        for item in (spec.get("paths") or {}).values():
            shared = item.get("parameters") or []
            for method in METHODS:
                op = item.get(method)
                if not op:
                    continue
                fixed = {
                    f"query.{p['name']}": str(p["schema"]["const"])
                    for p in [*shared, *(op.get("parameters") or [])]
                    if p.get("in") == "query" and "const" in (p.get("schema") or {})
                }
                missing = (op.get("x-cloudsign-resource") or {}).get("missing") or {}
                accepted = sorted({*ACCEPTED, str(missing["status"])}) if "status" in missing else []
                if fixed or accepted:
                    found[op["operationId"]] = (dict(sorted(fixed.items())), accepted)
    return sorted(found.items())


def block(found: list[tuple[str, tuple[dict[str, str], list[str]]]]) -> str:
    lines = [BEGIN]
    for operation_id, (parameters, accepted) in found:
        lines += ["[[operations]]", f"include-by = '/operationId == \"{operation_id}\"'"]
        if parameters:
            values = ", ".join(f'"{k}" = "{v}"' for k, v in parameters.items())
            lines.append(f"parameters = {{ {values} }}")
        if accepted:
            statuses = ", ".join(f'"{s}"' for s in accepted)
            lines.append(f"checks = {{ positive_data_acceptance = {{ expected-statuses = [{statuses}] }} }}")
    lines.append(END)
    return "\n".join(lines) + "\n"


def rewrite(config: Path, specs: Path) -> bool:
    """Replace the generated block (or append it); True when the file changed."""
    text = config.read_text(encoding="utf-8")
    new_block = block(entries(specs))
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        new = head + new_block + tail
    else:
        new = text.rstrip("\n") + "\n\n" + new_block
    if new != text:
        config.write_text(new, encoding="utf-8")
    return new != text


def main(argv: list[str]) -> int:
    specs = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1] / "specs"
    config = Path(argv[2]) if len(argv) > 2 else specs.parent / "schemathesis.toml"
    changed = rewrite(config, specs)
    print(f"schemathesis pins: {config} {'updated' if changed else 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
