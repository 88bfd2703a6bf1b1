"""Generate one typed client package per service from every document in a specs folder, and merge them.

Usage: python scripts/generate_merge.py SPECS_DIR OUTPUT_DIR   (scripts/generate.sh calls it; run that instead).

Documents are found, not listed (the same rule as ``cloudsign._core.specs``): every ``*.yaml`` directly in SPECS_DIR
is a document; ``<cloud>-<service>.yaml`` is a service's main document and ``<cloud>-<service>.<Anything>.yaml`` one
more document of the same service (e.g. one more RPC action, since OpenAPI allows one POST per path). All documents
of a service generate into one package ``<service with - as _>_client`` in ``OUTPUT_DIR/<package with _ as ->/``.

Each document is generated on its own (pinned openapi-python-client, generator/templates) into a temporary folder,
with the settings of generator/default.yaml, the names derived from the service, and the keys of an optional
generator/<cloud>-<service>.yaml on top. What the templates need beyond the generator's own view is decided by
cloudsign (the runtime package in this .venv), never by the templates, and handed over with the document
(scripts/generate_inputs.py): every object schema lists its secret properties under ``x-cloudsign-secret``
(``cloudsign._core.secrets.is_secret_field``), and ``operations.jinja`` maps the generator's name of each operation
to the spec's operationId (the id cloudsign's registry knows it by). Then the outputs are merged:

* a file that is the same in every document's output is kept once;
* ``<package>/api/<tag>/<operation>.py`` must come from one document only (an operation defined twice fails);
* ``<package>/models/<model>.py`` made by two documents with different content fails, naming the schema and the
  documents (a shared schema, such as an error body, must be written the same way in each document);
* ``<package>/models/__init__.py`` and ``<package>/api/<tag>/__init__.py`` are merged: the union of the imports
  and of ``__all__``, sorted, as the generator writes them;
* everything else (README.md, setup.py, pyproject.toml, client.py, types.py, errors.py, __init__.py, ...) comes
  from the main document.

A merged package is passed through the config's post-hooks (ruff) again. The result is deterministic.
"""

from __future__ import annotations

import ast
import concurrent.futures
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from generate_inputs import GenerateError, prepare_document  # type: ignore[import-not-found]  # scripts/ is on sys.path

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "generator"
DEFAULT_CONFIG = GENERATOR / "default.yaml"
TEMPLATES = GENERATOR / "templates"
# The pinned generator, next to the interpreter running this script (the .venv's).
GENERATOR_CLI = Path(sys.executable).parent / "openapi-python-client"
SPEC_SUFFIX = ".yaml"
# Left in place when a generated project is replaced: what installing it in editable mode leaves behind.
KEEP_ON_REPLACE = ("*.egg-info",)


@dataclass(frozen=True)
class Service:
    name: str  # "alibabacloud-dataworks"
    package: str  # "dataworks_client"
    documents: tuple[Path, ...]  # the main document first

    @property
    def distribution(self) -> str:
        return self.package.replace("_", "-")


def service_of(stem: str) -> tuple[str, str]:
    """``alibabacloud-dataworks.UpdateConnection`` -> (``alibabacloud-dataworks``, ``dataworks_client``)."""
    service = stem.split(".", 1)[0]
    _cloud, sep, rest = service.partition("-")
    if not sep or not rest:
        raise GenerateError(f"spec file {stem}{SPEC_SUFFIX} is not named <cloud>-<service>[.<part>]{SPEC_SUFFIX}")
    return service, rest.replace("-", "_") + "_client"


def discover(specs: Path) -> list[Service]:
    """Every service in SPECS, in name order; each with its documents, the main one first."""
    grouped: dict[str, list[Path]] = {}
    for path in sorted(specs.iterdir()):
        if path.is_file() and path.name.endswith(SPEC_SUFFIX) and not path.name.startswith("."):
            grouped.setdefault(service_of(path.name[: -len(SPEC_SUFFIX)])[0], []).append(path)
    found = []
    for name, paths in sorted(grouped.items()):
        main = f"{name}{SPEC_SUFFIX}"
        if main not in {p.name for p in paths}:
            others = ", ".join(p.name for p in paths)
            raise GenerateError(f"{others}: service {name} has no main document {main}")
        paths.sort(key=lambda p: (p.name != main, p.name))
        found.append(Service(name, service_of(name)[1], tuple(paths)))
    packages = [s.package for s in found]
    for package in sorted({p for p in packages if packages.count(p) > 1}):
        clash = ", ".join(s.name for s in found if s.package == package)
        raise GenerateError(f"services {clash} would all generate the package {package}")
    return found


def _load_mapping(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise GenerateError(f"{path.relative_to(ROOT)}: expected a mapping of openapi-python-client settings")
    return data


def config_for(service: Service) -> dict[str, Any]:
    """generator/default.yaml, the names derived from the service, then generator/<service>.yaml if there is one."""
    config = _load_mapping(DEFAULT_CONFIG)
    config["project_name_override"] = service.distribution
    config["package_name_override"] = service.package
    override = GENERATOR / f"{service.name}.yaml"
    if override.exists():
        config.update(_load_mapping(override))
    return config


def generate_document(spec: Path, config: Path, out: Path, settings: dict[str, Any]) -> Path:
    """Run the pinned openapi-python-client on one document; return the project folder it wrote."""
    document, templates = prepare_document(spec, settings, out.parent / "input")
    argv = [
        str(GENERATOR_CLI),
        "generate",
        "--path",
        str(document),
        "--config",
        str(config),
        "--meta",
        "setup",
        "--custom-template-path",
        str(templates),
        "--output-path",
        str(out),
        "--overwrite",
    ]
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not out.is_dir():
        raise GenerateError(f"openapi-python-client failed on {spec.name}\n{proc.stdout}{proc.stderr}")
    if "Warning" in proc.stdout:  # e.g. an operation it could not generate: shown, as the generator shows it
        print(f"generate: openapi-python-client warned on {spec.name}\n{proc.stdout.strip()}", file=sys.stderr)
    for cache in sorted(out.rglob(".ruff_cache"), reverse=True):
        shutil.rmtree(cache)
    return out


def _files(tree: Path) -> dict[str, bytes]:
    return {p.relative_to(tree).as_posix(): p.read_bytes() for p in sorted(tree.rglob("*")) if p.is_file()}


def _defined_names(source: bytes) -> list[str]:
    """The top-level classes and type aliases a model module defines (the schema's Python names)."""
    names = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef):
            names.append(node.name)
        elif isinstance(node, ast.Assign) and not isinstance(node.value, ast.Set | ast.Constant):
            names += [t.id for t in node.targets if isinstance(t, ast.Name) and not t.id.isupper()]
    return names


def merge_init(rel: str, sources: list[tuple[str, bytes]]) -> bytes:
    """Union of the imports and of ``__all__`` of one ``__init__.py`` as generated from several documents."""
    docstring: str | None = None
    imports: set[str] = set()
    exported: set[str] = set()
    for doc, source in sources:
        for index, node in enumerate(ast.parse(source).body):
            if index == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
                if docstring is None and isinstance(node.value.value, str):
                    docstring = node.value.value
            elif isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                imports.update(
                    f"from .{node.module} import {a.name}" + (f" as {a.asname}" if a.asname else "") for a in node.names
                )
            elif (
                isinstance(node, ast.Assign)
                and [t.id for t in node.targets if isinstance(t, ast.Name)] == ["__all__"]
                and isinstance(node.value, ast.Tuple | ast.List)
            ):
                exported.update(str(ast.literal_eval(e)) for e in node.value.elts)
            else:
                raise GenerateError(f"{rel} from {doc}: cannot merge line {node.lineno}: {ast.unparse(node)}")
    lines = [f'"""{docstring}"""', ""] if docstring is not None else []
    lines += sorted(imports)
    if exported:
        lines += ["", "__all__ = (", *(f'    "{name}",' for name in sorted(exported)), ")"]
    return ("\n".join(lines) + "\n").encode()


def merge(service: Service, outputs: list[tuple[str, Path]]) -> dict[str, bytes]:
    """Merge the per-document projects (main document first) into one file tree: relative path -> bytes."""
    by_path: dict[str, list[tuple[str, bytes]]] = {}
    for doc, tree in outputs:
        for rel, content in _files(tree).items():
            by_path.setdefault(rel, []).append((doc, content))
    pkg = service.package
    merged: dict[str, bytes] = {}
    for rel, versions in sorted(by_path.items()):
        parts = rel.split("/")
        docs = " and ".join(doc for doc, _ in versions)
        distinct = {content for _, content in versions}
        in_tag = len(parts) == 4 and parts[:2] == [pkg, "api"]
        in_models = len(parts) == 3 and parts[:2] == [pkg, "models"]
        if in_tag and parts[3] != "__init__.py":
            if len(versions) > 1:
                raise GenerateError(
                    f"{service.name}: the operation module {rel} is generated by {docs}; "
                    "an operation (operationId) must be defined in one document of a service only"
                )
            merged[rel] = versions[0][1]
        elif (in_tag or in_models) and parts[-1] == "__init__.py":
            merged[rel] = versions[0][1] if len(distinct) == 1 else merge_init(rel, versions)
        elif in_models:
            if len(distinct) > 1:
                names = ", ".join(dict.fromkeys(n for _, c in versions for n in _defined_names(c))) or parts[-1]
                raise GenerateError(
                    f"{service.name}: the schema {names} ({rel}) is generated differently by {docs}; "
                    "a schema shared by documents of one service must be the same in each"
                )
            merged[rel] = versions[0][1]
        else:
            # README.md, setup.py, pyproject.toml, client.py, types.py, errors.py, __init__.py: the main document's.
            main = [content for doc, content in versions if doc == outputs[0][0]]
            merged[rel] = main[0] if main else versions[0][1]
    return merged


def write_tree(files: dict[str, bytes], dest: Path) -> None:
    for rel, content in files.items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def run_post_hooks(config: dict[str, Any], project: Path) -> None:
    """The config's post-hooks (ruff), in the project folder, as the generator runs them."""
    for hook in config.get("post_hooks") or []:
        proc = subprocess.run(shlex.split(hook), cwd=project, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise GenerateError(f"post-hook {hook!r} failed in {project}\n{proc.stdout}{proc.stderr}")
    for cache in sorted(project.rglob(".ruff_cache"), reverse=True):
        shutil.rmtree(cache)


def replace_project(built: Path, dest: Path) -> None:
    """Swap DEST for BUILT, keeping what an editable install left in DEST (its *.egg-info)."""
    if dest.exists():
        for pattern in KEEP_ON_REPLACE:
            for kept in dest.glob(pattern):
                if not (built / kept.name).exists():
                    shutil.move(str(kept), str(built / kept.name))
        shutil.rmtree(dest)
    shutil.move(str(built), str(dest))


def build_service(service: Service, out: Path, work: Path) -> Path:
    config = config_for(service)
    config_path = work / f"{service.name}.config.yaml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=True), encoding="utf-8")
    stems = [spec.name[: -len(SPEC_SUFFIX)] for spec in service.documents]
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(len(stems), os.cpu_count() or 1)) as pool:
        futures = [
            pool.submit(generate_document, spec, config_path, work / "documents" / stem / service.distribution, config)
            for spec, stem in zip(service.documents, stems, strict=True)
        ]
        outputs = [(f"{stem}{SPEC_SUFFIX}", future.result()) for stem, future in zip(stems, futures, strict=True)]
    built = work / "merged" / service.distribution
    if len(outputs) == 1:
        shutil.move(str(outputs[0][1]), str(built))
    else:
        write_tree(merge(service, outputs), built)
        run_post_hooks(config, built)
    dest = out / service.distribution
    replace_project(built, dest)
    return dest


def remove_stale(services: list[Service], out: Path) -> list[Path]:
    """Generated projects in OUT whose service has no document any more (a project folder with setup.py and
    <package>/client.py), removed so nothing installs or lints them."""
    current = {s.distribution for s in services}
    stale = [
        d
        for d in sorted(out.iterdir())
        if d.is_dir()
        and d.name not in current
        and (d / "setup.py").is_file()
        and (d / d.name.replace("-", "_") / "client.py").is_file()
    ]
    for d in stale:
        shutil.rmtree(d)
    return stale


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    specs, out = Path(argv[0]).resolve(), Path(argv[1]).resolve()
    try:
        if shutil.which("ruff") is None or not GENERATOR_CLI.exists():
            raise GenerateError("ruff or openapi-python-client is missing (run make setup; use scripts/generate.sh)")
        services = discover(specs)
        if not services:
            raise GenerateError(f"no *{SPEC_SUFFIX} documents in {specs}")
        out.mkdir(parents=True, exist_ok=True)
        names = {s.name for s in services}
        for extra in sorted(GENERATOR.glob(f"*{SPEC_SUFFIX}")):
            if extra != DEFAULT_CONFIG and extra.name[: -len(SPEC_SUFFIX)] not in names:
                print(f"generate: {extra.relative_to(ROOT)} matches no service in {specs}", file=sys.stderr)
        with tempfile.TemporaryDirectory(prefix="cloudsign-generate-") as tmp:
            for service in services:
                work = Path(tmp) / service.name
                work.mkdir()
                dest = build_service(service, out, work)
                print(f"generated: {dest} ({service.package}) from {', '.join(p.name for p in service.documents)}")
        for stale in remove_stale(services, out):
            print(f"generate: removed {stale} (no document in {specs} any more)")
    except GenerateError as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
