"""``make run``: every operation of every service in specs/, end to end, against local emulators of both clouds.

Regenerates the clients when specs/ changed, starts one emulator per cloud on 127.0.0.1 (each serves every operation
of its cloud's specs), then for every service the registry finds, every operation, every signing scheme of its
cloud, sync and async: builds the arguments from the spec's examples (a valid value for the schema where there is
none), calls the generated module's ``call`` / ``acall`` with a client from the cloud's factory, and prints one row
per call. Last, one call per scheme with a wrong secret must raise the cloud's ``AuthenticationError``.

Operations that share a resource (``x-cloudsign-resource``) are called as its lifecycle: create first, its new id
carried into the read, list, update and delete that follow, then one use of the deleted id, which must be refused
with the status and code the spec chose (a row "<operation> after delete").

Nothing here names an operation: an operation added to a spec is called as soon as it is generated.
Exit status 1 when any call did not behave as expected.

The emulators listen on the ports ``make emulate`` uses, ``$DAS_EMULATOR_PORT`` and ``$DATAWORKS_EMULATOR_PORT`` (the
Makefile's defaults 18780 and 18781); unset or 0 means any free port. A port already taken stops the run with one
line naming the port and its variable (exit status 2).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import importlib
import inspect
import logging
import os
import pkgutil
import re
import site
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import types
import typing
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cloudsign._core.registry import Operation, Service

ROOT = Path(__file__).resolve().parent.parent
HEADER = ("operation", "scheme", "mode", "status", "request id", "ms", "check")


# -- what differs per cloud (never per operation) -------------------------------------------------------------------


@dataclass(frozen=True)
class CloudSetup:
    """How to reach one cloud's emulator: the names of its demo key pair and the factory keywords per scheme."""

    demo_keys: tuple[str, str]
    schemes: dict[str, dict[str, str]]


CLOUDS: dict[str, CloudSetup] = {
    "huaweicloud": CloudSetup(
        ("DEMO_AK", "DEMO_SK"),
        {"SDK-HMAC-SHA256": {"algorithm": "SDK-HMAC-SHA256"}, "SDK-HMAC-SM3": {"algorithm": "SDK-HMAC-SM3"}},
    ),
    "alibabacloud": CloudSetup(
        ("DEMO_ACCESS_KEY_ID", "DEMO_ACCESS_KEY_SECRET"),
        {"ACS3-HMAC-SHA256": {"signature": "ACS3-HMAC-SHA256"}, "HMAC-SHA1": {"signature": "HMAC-SHA1"}},
    ),
}


# -- generated code, found by name ----------------------------------------------------------------------------------

_DELIMITERS = " _-"


def snake_case(value: str) -> str:
    """openapi-python-client's ``snake_case`` (module and argument names): ``ListDBInstances`` ->
    ``list_db_instances``, ``X-Language`` -> ``x_language``."""
    value = "".join(c for c in value if c.isidentifier() or c.isdecimal() or c in _DELIMITERS)
    if any(c.isupper() for c in value):
        value = " ".join(re.split("([A-Z]?[a-z]+)", value))
    return "_".join(re.findall(rf"[^{re.escape(_DELIMITERS)}]+", value)).lower()


def _squash(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def generated_modules(service: Service) -> dict[str, types.ModuleType]:
    """Every endpoint module of a service's generated package (``<package>.api.<tag>.<operation>``), by name."""
    try:
        api = importlib.import_module(f"{service.package}.api")
    except ImportError:  # generated but not installed yet: use generated/<project>/ as it is
        sys.path.insert(0, str(ROOT / "generated" / service.files.distribution))
        api = importlib.import_module(f"{service.package}.api")
    found: dict[str, types.ModuleType] = {}
    for tag in pkgutil.iter_modules(api.__path__, f"{api.__name__}."):
        if not tag.ispkg:
            continue
        tag_module = importlib.import_module(tag.name)
        for info in pkgutil.iter_modules(tag_module.__path__, f"{tag.name}."):
            found[info.name.rsplit(".", 1)[1]] = importlib.import_module(info.name)
    return found


def module_for(operation: Operation, modules: Mapping[str, types.ModuleType]) -> types.ModuleType:
    """The generated module of an operation: named like its snake-cased operationId (in any tag's folder)."""
    module = modules.get(snake_case(operation.operation_id))
    if module is None:  # the same name up to separators (a generator that splits words differently)
        wanted = _squash(operation.operation_id)
        module = next((m for name, m in modules.items() if _squash(name) == wanted), None)
    if module is None:
        raise LookupError(f"no generated module for {operation.operation_id} (run make generate)")
    return module


# -- arguments from the spec's examples -----------------------------------------------------------------------------

_MISSING = object()


def example_of(holder: Mapping[str, Any]) -> Any:
    """The first example a parameter, media type or schema gives (``example``, ``examples``), else _MISSING."""
    if "example" in holder:
        return holder["example"]
    examples = holder.get("examples")
    if isinstance(examples, Mapping):  # parameter / media type: name -> {summary, value}
        for item in examples.values():
            if isinstance(item, Mapping) and "value" in item:
                return item["value"]
    elif isinstance(examples, list) and examples:  # schema: a list of values
        return examples[0]
    return _MISSING


def _json_media(content: Mapping[str, Any]) -> Mapping[str, Any] | None:
    for media_type, media in content.items():
        if media_type.split(";")[0].strip().endswith("json"):
            return typing.cast(Mapping[str, Any], media)
    return next(iter(content.values()), None)


def spec_arguments(operation: Operation) -> dict[str, Any]:
    """Spec name -> example value for every parameter worth sending (required ones, and optional ones that have an
    example), plus ``body`` for the request body. Parameters pinned with ``const`` are left to the generated
    defaults. Values the spec does not give come from the emulators' own generator (``minimal_instance``)."""
    from cloudsign._core.spec_values import minimal_instance

    values: dict[str, Any] = {}
    for param in operation.spec.get("parameters", []):
        schema = param.get("schema") or {}
        if "const" in schema or param.get("in") == "cookie":
            continue
        found = example_of(param)
        if found is _MISSING:
            found = example_of(schema)
        if found is _MISSING:
            if not param.get("required"):
                continue
            found = minimal_instance(schema, param["name"])
        values[f"{param['in']}:{param['name']}"] = found
    body = operation.spec.get("requestBody")
    if body:
        media = _json_media(body.get("content") or {}) or {}
        found = example_of(media)
        if found is _MISSING:
            found = minimal_instance(media.get("schema") or {})
        values["body"] = found
    return values


def _candidates(annotation: Any) -> list[Any]:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return [a for a in typing.get_args(annotation) if a is not type(None) and getattr(a, "__name__", "") != "Unset"]
    return [annotation]


def convert(value: Any, annotation: Any) -> Any:
    """A JSON value as the generated signature wants it: models from ``from_dict``, datetimes, dates and UUIDs
    parsed, lists item by item; anything else (strings, numbers, literal enums) as it is."""
    for kind in _candidates(annotation):
        origin = typing.get_origin(kind)
        if origin is list and isinstance(value, list):
            (item,) = typing.get_args(kind) or (Any,)
            return [convert(v, item) for v in value]
        if isinstance(kind, type):
            if hasattr(kind, "from_dict") and isinstance(value, Mapping):
                return kind.from_dict(dict(value))
            if kind is dt.datetime and isinstance(value, str):
                return dt.datetime.fromisoformat(value)
            if kind is dt.date and isinstance(value, str):
                return dt.date.fromisoformat(value)
            if kind is uuid.UUID and isinstance(value, str):
                return uuid.UUID(value)
    return value


@dataclass
class Planned:
    """One operation, its generated module and the arguments of its ``call``/``acall``."""

    operation: Operation
    module: types.ModuleType | None
    args: list[Any] = field(default_factory=list)
    kwargs: dict[str, Any] = field(default_factory=dict)
    problem: str = ""


def plan(
    operation: Operation, modules: Mapping[str, types.ModuleType], values: Mapping[str, Any] | None = None
) -> Planned:
    """Match the spec's example values (or ``values``, keyed as ``spec_arguments`` keys them) to the generated
    ``call``'s parameters (by their snake-cased names)."""
    try:
        module = module_for(operation, modules)
        call = module.call
        hints = typing.get_type_hints(call)
        params = [p for p in inspect.signature(call).parameters.values() if p.name != "client"]
        values = spec_arguments(operation) if values is None else values
        by_name: dict[str, tuple[str, Any]] = {}
        for key, value in values.items():
            location, _, name = key.partition(":")
            python = snake_case(name) if name else "body"
            by_name.setdefault(_squash(python), (key, value))
            by_name[_squash(f"{python}_{location}")] = (key, value)  # the generator's suffix when names clash
        planned = Planned(operation, module)
        used: set[str] = set()
        for p in params:
            hit = by_name.get(_squash(p.name))
            if hit is None or hit[0] in used:
                if p.default is inspect.Parameter.empty:
                    raise LookupError(f"no example or value for the required argument {p.name!r}")
                continue
            used.add(hit[0])
            value = convert(hit[1], hints.get(p.name, Any))
            if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
                planned.args.append(value)
            else:
                planned.kwargs[p.name] = value
        return planned
    except Exception as exc:  # reported in the table, the run goes on
        return Planned(operation, None, problem=f"{type(exc).__name__}: {exc}")


# -- the calls ------------------------------------------------------------------------------------------------------


class AttemptLog(logging.Handler):
    """Keeps the pipeline's last per-attempt line (``... status=200 request_id=... attempt=1/3 ...``)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.last = ""

    def emit(self, record: logging.LogRecord) -> None:
        self.last = record.getMessage()

    def take(self, key: str) -> str:
        match = re.search(rf"\b{key}=(\S+)", self.last)
        return match.group(1) if match else "-"


@dataclass
class Row:
    operation: str
    scheme: str
    mode: str
    status: str
    request_id: str
    ms: float
    check: str
    result: Any = field(default=None, repr=False, compare=False)

    def cells(self) -> tuple[str, ...]:
        return (self.operation, self.scheme, self.mode, self.status, self.request_id, f"{self.ms:.1f}", self.check)


def _outcome(planned: Planned, result: Any, error: BaseException | None, log: AttemptLog) -> tuple[str, str, str]:
    """(status, request id, check) of one call that was expected to succeed."""
    if error is not None:
        status = str(getattr(error, "status_code", None) or log.take("status"))
        rid = getattr(error, "request_id", None) or log.take("request_id")
        return status, str(rid), f"FAILED {type(error).__name__}: {str(error)[:100]}"
    status = log.take("status")
    rid = getattr(result, "_request_id", None) or log.take("request_id")
    expected = {str(s) for s in planned.operation.success_statuses()} or {"200"}
    attempts = log.take("attempt").split("/")[0]
    check = "ok" if status in expected else f"FAILED status {status}, expected {'/'.join(sorted(expected))}"
    if check == "ok" and attempts not in ("1", "-"):
        check = f"ok after {attempts} attempts"
    return status, str(rid), check


def run_sync(client: Any, planned: Planned, scheme: str, log: AttemptLog) -> Row:
    log.last = ""
    start = time.perf_counter()
    result: Any = None
    error: BaseException | None = None
    try:
        assert planned.module is not None
        result = planned.module.call(*planned.args, client=client, **planned.kwargs)
    except Exception as exc:  # reported in the table
        error = exc
    ms = (time.perf_counter() - start) * 1000
    status, rid, check = _outcome(planned, result, error, log)
    return Row(planned.operation.operation_id, scheme, "sync", status, rid, ms, check, result)


async def run_async(client: Any, planned: Planned, scheme: str, log: AttemptLog) -> Row:
    log.last = ""
    start = time.perf_counter()
    result: Any = None
    error: BaseException | None = None
    try:
        assert planned.module is not None
        result = await planned.module.acall(*planned.args, client=client, **planned.kwargs)
    except Exception as exc:  # reported in the table
        error = exc
    ms = (time.perf_counter() - start) * 1000
    status, rid, check = _outcome(planned, result, error, log)
    return Row(planned.operation.operation_id, scheme, "async", status, rid, ms, check, result)


def wrong_secret(client: Any, planned: Planned, scheme: str, log: AttemptLog) -> Row:
    """A call signed with a wrong secret must raise the cloud's AuthenticationError (and not be retried)."""
    from cloudsign._core.errors import AuthenticationError

    log.last = ""
    start = time.perf_counter()
    try:
        assert planned.module is not None
        planned.module.call(*planned.args, client=client.with_options(max_attempts=1), **planned.kwargs)
        status, rid, check = log.take("status"), log.take("request_id"), "FAILED: accepted"
    except AuthenticationError as exc:
        status, rid, check = str(exc.status_code), str(exc.request_id or "-"), f"ok {type(exc).__name__} {exc.code}"
    except Exception as exc:  # reported in the table
        status, rid = str(getattr(exc, "status_code", "-")), log.take("request_id")
        check = f"FAILED {type(exc).__name__}: {str(exc)[:100]}"
    ms = (time.perf_counter() - start) * 1000
    return Row(planned.operation.operation_id, f"{scheme}, wrong secret", "sync", status, rid, ms, check)


# -- the resource lifecycle (x-cloudsign-resource): create first, then read, list, update, delete -------------------

ROLE_ORDER = {"create": 0, "read": 1, "list": 2, "update": 3, "delete": 4}


def _role(planned: Planned) -> tuple[str, str] | None:
    from cloudsign.emulator.resources import rule_of

    rule = rule_of(planned.operation)
    return None if rule is None else (rule.name, rule.role)


def lifecycle_order(planned: list[Planned]) -> list[Planned]:
    """Operations without a resource first (spec order), then each resource's create, read, list, update, delete."""
    return sorted(planned, key=lambda p: ROLE_ORDER.get((_role(p) or ("", ""))[1], -1))


def bind(planned: Planned, modules: Mapping[str, types.ModuleType], ids: Mapping[str, Any]) -> Planned:
    """The plan with the id the walk created for the operation's resource where its rule reads one."""
    from cloudsign.emulator.resources import pointer_replace, rule_of

    rule = rule_of(planned.operation)
    if rule is None or rule.role in ("create", "list") or rule.name not in ids or planned.module is None:
        return planned
    values = spec_arguments(planned.operation)
    named = {key.partition(":")[2] or key: value for key, value in values.items()}
    pointer_replace(named, rule.id or "", ids[rule.name])
    return plan(planned.operation, modules, {key: named[key.partition(":")[2] or key] for key in values})


def created_id(planned: Planned, result: Any) -> Any:
    from cloudsign.emulator.resources import pointer_values, rule_of

    rule = rule_of(planned.operation)
    to_dict = getattr(result, "to_dict", None)
    found = pointer_values(to_dict() if to_dict else result, rule.id or "") if rule else []
    return found[0] if found else None


async def refused(client: Any, planned: Planned, scheme: str, mode: str, log: AttemptLog) -> Row:
    """A use of a deleted resource: must raise the status and code the operation's rule says (``missing``)."""
    from cloudsign._core.errors import APIStatusError
    from cloudsign.emulator.resources import rule_of

    rule = rule_of(planned.operation)
    expected = (rule.missing.status, rule.missing.code) if rule and rule.missing else (404, "")
    log.last = ""
    start = time.perf_counter()
    try:
        assert planned.module is not None
        function = planned.module.acall if mode == "async" else planned.module.call
        result = function(*planned.args, client=client, **planned.kwargs)
        if inspect.isawaitable(result):
            await result
        status, rid, check = log.take("status"), log.take("request_id"), "FAILED: a deleted resource was used"
    except APIStatusError as exc:
        status, rid = str(exc.status_code), str(exc.request_id or "-")
        ok = (exc.status_code, exc.code) == expected
        check = f"ok refused {exc.code}" if ok else f"FAILED {exc.status_code} {exc.code}, expected {expected}"
    except Exception as exc:  # reported in the table
        status, rid = str(getattr(exc, "status_code", "-")), log.take("request_id")
        check = f"FAILED {type(exc).__name__}: {str(exc)[:100]}"
    ms = (time.perf_counter() - start) * 1000
    return Row(f"{planned.operation.operation_id} after delete", scheme, mode, status, rid, ms, check)


async def walk(client: Any, target: Target, scheme: str, log: AttemptLog, mode: str) -> list[Row]:
    """Every operation of one service in lifecycle order, each resource's id carried from its create to its
    read, update and delete; then one use of every deleted resource (a read, else an update), which must be
    refused."""
    rows: list[Row] = []
    ids: dict[str, Any] = {}
    gone: dict[str, Any] = {}
    ready = [p for p in lifecycle_order(target.planned) if p.module is not None]
    for planned in ready:
        bound = bind(planned, target.modules, ids)
        row = await run_async(client, bound, scheme, log) if mode == "async" else run_sync(client, bound, scheme, log)
        rows.append(row)
        role = _role(planned)
        if role and role[1] == "create" and row.check.startswith("ok"):
            ids[role[0]] = created_id(planned, row.result)
        elif role and role[1] == "delete" and row.check.startswith("ok") and role[0] in ids:
            gone[role[0]] = ids.pop(role[0])
    for name, old in gone.items():
        users = [p for p in ready if _role(p) in ((name, "read"), (name, "update"))]
        if users:
            rows.append(await refused(client, bind(users[0], target.modules, {name: old}), scheme, mode, log))
    return rows


def region_of(service: Service) -> str | None:
    """The default of the main document's server variable (the region), for clouds that sign it."""
    from cloudsign._core.specs import load_spec

    servers = load_spec(service.files.documents[0]).get("servers") or [{}]
    variables = servers[0].get("variables") or {}
    return next((str(v["default"]) for v in variables.values() if "default" in v), None)


def make_client(service: Service, url: str, keys: tuple[str, str], scheme_kwargs: Mapping[str, str]) -> Any:
    """The cloud's factory, generic form: ``cloudsign.<cloud>.client(<package>.Client, endpoint=url, ...)``."""
    cloud = importlib.import_module(f"cloudsign.{service.cloud}")
    factory = cloud.client
    client_class = importlib.import_module(service.package).Client
    return factory(
        client_class,
        endpoint=url,
        region=region_of(service),
        credentials=cloud.Credentials(*keys),
        **scheme_kwargs,
    )


@dataclass
class Target:
    """One service, served at ``url``, with the plan of each of its operations."""

    service: Service
    url: str
    keys: tuple[str, str]
    planned: list[Planned]
    modules: Mapping[str, types.ModuleType] = field(default_factory=dict)


async def calls_async(target: Target, scheme: str, kwargs: Mapping[str, str], log: AttemptLog) -> list[Row]:
    """Every operation of one service through ``acall``, on one client (``async with``: its connections close)."""
    async with make_client(target.service, target.url, target.keys, kwargs) as client:
        return await walk(client, target, scheme, log, "async")


def calls(targets: list[Target], log: AttemptLog) -> list[Row]:
    """Every operation, every scheme of its cloud, sync then async; then one wrong secret per scheme."""
    rows = [
        Row(p.operation.operation_id, "-", "-", "-", "-", 0.0, f"FAILED {p.problem}")
        for t in targets
        for p in t.planned
        if p.module is None
    ]
    for target in targets:
        for scheme, kwargs in CLOUDS[target.service.cloud].schemes.items():
            with make_client(target.service, target.url, target.keys, kwargs) as client:
                rows += asyncio.run(walk(client, target, scheme, log, "sync"))
            rows += asyncio.run(calls_async(target, scheme, kwargs, log))
    # Last, so that a gateway's lock-out after failed signatures cannot touch the calls above.
    for target in targets:
        ready = [p for p in target.planned if p.module is not None]
        if not ready:
            continue
        for scheme, kwargs in CLOUDS[target.service.cloud].schemes.items():
            bad = (target.keys[0], "not-the-secret")
            with make_client(target.service, target.url, bad, kwargs) as client:
                rows.append(wrong_secret(client, ready[0], scheme, log))
    return rows


# -- the emulators' ports ---------------------------------------------------------------------------------------------


def emulator_port(cloud: str, environ: Mapping[str, str] | None = None) -> tuple[str, int]:
    """(variable, port) for one cloud's emulator: the variable ``make emulate`` reads (cloudsign.emulate); unset,
    empty or 0 means any free port. A value that is no port raises SystemExit with one line."""
    from cloudsign.emulate import EMULATORS

    env = os.environ if environ is None else environ
    variable = next(var for name, _, var, _ in EMULATORS if name == cloud)
    raw = env.get(variable, "").strip() or "0"
    if not raw.isdigit() or int(raw) > 65535:
        raise SystemExit(f"run: {variable}={raw!r} is no port number; set it to a free port, or 0 for any free port")
    return variable, int(raw)


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    """Whether ``host:port`` cannot be bound (bound the way uvicorn binds it, with SO_REUSEADDR)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


def port_taken_message(cloud: str, variable: str, port: int) -> str:
    return (
        f"run: port {port} on 127.0.0.1 (the {cloud} emulator) is already in use (is `make emulate` running?); "
        f"set {variable} to a free port, or {variable}=0 for any free port"
    )


def check_ports(clouds: list[str], environ: Mapping[str, str] | None = None) -> str | None:
    """One line naming the first port already taken and the variable to set, or None when every port is free."""
    for cloud in clouds:
        variable, port = emulator_port(cloud, environ)
        if port and port_in_use(port):
            return port_taken_message(cloud, variable, port)
    return None


# -- around the calls -----------------------------------------------------------------------------------------------


def regenerate_if_needed() -> str:
    """Regenerate generated/ when specs/ changed (and install any new package), as ``make generate`` would."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([str(ROOT / "scripts/generate.sh"), tmp], check=True, capture_output=True)
        differs = subprocess.run(
            ["diff", "-rq", "-x", "__pycache__", "-x", "*.egg-info", "-x", "build", tmp, str(ROOT / "generated")],
            capture_output=True,
        ).returncode
    if not differs:
        return "up to date with specs/"
    subprocess.run([str(ROOT / "scripts/generate.sh")], check=True, capture_output=True)
    subprocess.run([str(ROOT / "scripts/bootstrap.sh")], check=True, capture_output=True)
    site.addsitedir(sysconfig.get_paths()["purelib"])  # picks up the path entries of newly installed packages
    importlib.invalidate_caches()
    return "regenerated from specs/"


def table(rows: list[Row]) -> Iterator[str]:
    cells = [HEADER, *(r.cells() for r in rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADER))]
    for i, row in enumerate(cells):
        yield "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        if i == 0:
            yield "  ".join("-" * w for w in widths)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-generate", action="store_true", help="do not regenerate generated/ from specs/")
    args = parser.parse_args(argv)

    from cloudsign._core.registry import services_of_cloud
    from cloudsign._core.specs import services, spec_dir
    from cloudsign.testing import running

    taken = check_ports(list(CLOUDS))
    if taken:
        print(taken, file=sys.stderr)
        return 2
    if args.no_generate or spec_dir().resolve() != (ROOT / "specs").resolve():
        print(f"generated/: not checked (specs from {spec_dir()})")
    else:
        print(f"generated/: {regenerate_if_needed()}")
    unknown = sorted({files.cloud for files in services().values()} - set(CLOUDS))
    if unknown:
        print(f"no emulator setup for cloud(s) {unknown} in scripts/run.py", file=sys.stderr)
        return 1

    log = AttemptLog()
    pipeline_log = logging.getLogger("cloudsign")
    level = pipeline_log.level
    pipeline_log.addHandler(log)
    pipeline_log.setLevel(logging.INFO)
    targets: list[Target] = []
    with contextlib.ExitStack() as stack:
        # Whatever way main ends, the logger is left as it was (a caller in the same process keeps its own level).
        stack.callback(pipeline_log.setLevel, level)
        stack.callback(pipeline_log.removeHandler, log)
        for cloud, setup in CLOUDS.items():
            served = services_of_cloud(cloud)
            if not served:
                continue
            emulator = importlib.import_module(f"cloudsign.emulator.{cloud}")
            keys = (str(getattr(emulator, setup.demo_keys[0])), str(getattr(emulator, setup.demo_keys[1])))
            variable, port = emulator_port(cloud)
            try:
                url = stack.enter_context(running(emulator.create_app(credentials={keys[0]: keys[1]}), port=port))
            except RuntimeError:  # taken since check_ports (uvicorn says why only in its log)
                if port and port_in_use(port):
                    print(port_taken_message(cloud, variable, port), file=sys.stderr)
                    return 2
                raise
            print(f"emulator: {cloud} on {url}, {sum(len(s.operations) for s in served)} operation(s)")
            for service in served:
                modules: dict[str, types.ModuleType] = {}
                try:
                    modules = generated_modules(service)
                except ImportError as exc:
                    why = f"{service.package} does not import ({exc}); run make generate"
                    planned = [Planned(op, None, problem=why) for op in service.operations]
                else:
                    planned = [plan(op, modules) for op in service.operations]
                targets.append(Target(service, url, keys, planned, modules))
        rows = calls(targets, log)

    print()
    for line in table(rows):
        print(line)
    failed = [r for r in rows if not r.check.startswith("ok")]
    operations = sum(len(t.planned) for t in targets)
    print()
    print(
        f"emulators stopped; {len(rows)} calls over {operations} operation(s) of {len(targets)} service(s): "
        + ("all behaved as expected" if not failed else f"{len(failed)} FAILED")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
