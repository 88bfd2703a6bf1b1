"""The generated packages at both ends: their public Python API compared with griffe, and the old tree's tests and
README examples type-checked with mypy against the new packages (as Stainless checks a release).

griffe finds removed objects and parameters, changed defaults and kinds, but not a changed annotation (an int that
became a str, a narrowed ``Literal``); mypy on code written against the old packages finds those. mypy runs twice,
against the old packages and the new, with one cache; only errors that the new packages add are reported, so an
example that never type-checked on its own (a README fragment) is no alarm.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import griffe

from .diff import Change
from .pairs import BREAKING

ROOT = Path(__file__).resolve().parents[2]
MERGE = Path("scripts/generate_merge.py")
TYPE_CHECK_RULE = "api-type-check"
TIMEOUT = 300  # seconds for one generation or one mypy run: the gate is bounded even when something hangs
Error = tuple[str, str, str]  # (file as the report names it, line, message)
ERROR = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): error: (?P<message>.*)$", re.M)


def _env() -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "RUFF_NO_CACHE": "true"}


def start_generate(tree: Path, out: Path) -> subprocess.Popen[str]:
    """Generate TREE's specs/ into OUT with TREE's own generator (its scripts/generate_merge.py and generator/,
    when it has them; else this checkout's), with the pinned tools of this .venv."""
    own = (tree / MERGE).is_file() and (tree / "generator" / "default.yaml").is_file()
    script = tree / MERGE if own else ROOT / MERGE
    argv = [sys.executable, str(script), str(tree / "specs"), str(out)]
    return subprocess.Popen(argv, cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(proc: subprocess.Popen[str], what: str) -> None:
    try:
        output, _ = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise RuntimeError(f"generating {what} took over {TIMEOUT} s") from None
    if proc.returncode != 0:
        raise RuntimeError(f"generating {what} failed:\n{output}")


def projects(out: Path) -> dict[str, Path]:
    """package name -> project root (the folder holding setup.py and the package)."""
    if not out.is_dir():
        return {}
    return {d.name.replace("-", "_"): d for d in sorted(out.iterdir()) if (d / "setup.py").is_file()}


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".egg-info" not in p.as_posix() and "__pycache__" not in p.parts
    }


def same_packages(old: dict[str, Path], new: dict[str, Path]) -> bool:
    return old.keys() == new.keys() and all(_files(old[k] / k) == _files(new[k] / k) for k in old)


def _where(breakage: griffe.Breakage) -> str:
    for value in (breakage.old_value, breakage.new_value):
        if isinstance(value, griffe.Parameter):
            return f"{breakage.obj.path}({value.name})"
    return str(breakage.obj.path)


def griffe_changes(old: dict[str, Path], new: dict[str, Path]) -> Iterator[Change]:
    for package in sorted(old):
        if package not in new:
            yield Change("api-object-removed", BREAKING, package, package, "generated package removed")
            continue
        before = griffe.load(package, search_paths=[str(old[package])], allow_inspection=False)
        after = griffe.load(package, search_paths=[str(new[package])], allow_inspection=False)
        for b in griffe.find_breaking_changes(before, after):
            rule = "api-" + b.kind.name.lower().replace("_", "-")
            detail = b.kind.value
            if not isinstance(b.old_value, griffe.Object | griffe.Parameter) and b.old_value is not None:
                detail += f": {b.old_value} -> {b.new_value}"
            yield Change(rule, BREAKING, package, _where(b), detail)


def _uses(source: str, packages: set[str]) -> bool:
    names = "|".join(re.escape(p) for p in sorted(packages))
    return bool(re.search(rf"^\s*(?:from|import)\s+(?:{names})\b", source, re.M))


def sources(tree: Path, packages: set[str], work: Path) -> dict[Path, str]:
    """The old tree's test files that import a generated package, and its README's python blocks (written to WORK):
    file -> the name the report gives it."""
    found: dict[Path, str] = {}
    for path in sorted((tree / "tests").rglob("*.py")) if (tree / "tests").is_dir() else []:
        if _uses(path.read_text(encoding="utf-8", errors="replace"), packages):
            found[path] = path.relative_to(tree).as_posix()
    readme = tree / "README.md"
    if readme.is_file():
        blocks = re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
        work.mkdir(parents=True, exist_ok=True)
        for i, block in enumerate(blocks, 1):
            if _uses(block, packages):
                path = work / f"readme_example_{i}.py"
                path.write_text(block, encoding="utf-8")
                found[path] = f"README.md python block {i}"
    return found


def _mypy(files: dict[Path, str], roots: list[Path], cwd: Path, cache: Path) -> set[Error]:
    """(file as named in the report, line, message) of each error mypy reports in FILES with ROOTS first on its path."""
    argv = [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(cache)]
    argv += ["--no-error-summary", "--no-pretty", "--no-color-output", "--show-absolute-path", *map(str, files)]
    env = {**_env(), "MYPYPATH": os.pathsep.join(map(str, roots))}
    try:
        proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"mypy took over {TIMEOUT} s") from None
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"mypy failed:\n{proc.stdout}{proc.stderr}")
    named = {str(path.resolve()): name for path, name in files.items()}
    errors = set()
    for m in ERROR.finditer(proc.stdout):
        path = str(Path(m["path"]).resolve())
        for root in roots:
            if path.startswith(str(root.resolve())):
                path = "<generated>/" + Path(path).relative_to(root.resolve()).as_posix()
        errors.add((named.get(path, path), m["line"], m["message"].strip()))
    return errors


# mypy's own incremental cache (it re-checks what changed): cold, the first run of a checkout takes ~10 s of the
# gate's time; warm, a run takes ~2 s. .mypy_cache/ is ignored by git.
MYPY_CACHE = ROOT / ".mypy_cache" / "breaking"


def type_errors(files: dict[Path, str], projects: dict[str, Path], tree: Path) -> set[Error]:
    """mypy's errors in FILES (from TREE) with PROJECTS' packages first on the path."""
    return _mypy(files, list(projects.values()), tree, MYPY_CACHE) if files else set()


def added_errors(before: set[Error], after: set[Error]) -> list[Change]:
    """The errors that only the new packages cause, as changes."""
    return [
        Change(TYPE_CHECK_RULE, BREAKING, name, f"line {line}", message)
        for name, line, message in sorted(after - before, key=lambda e: (e[0], int(e[1]), e[2]))
    ]
