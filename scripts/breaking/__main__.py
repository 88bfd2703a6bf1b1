"""``make breaking [BASE=<git ref>]``: fail on a breaking change between specs/ at BASE (default HEAD) and now.

Usage: PYTHONPATH=scripts python -m breaking [--base REF [--skip-missing-base] | --old DIR [--new DIR]] [--specs-only]
       [--allowlist FILE] [--json FILE]

Two layers:

1. The specs, per operation (``rules.RULES``): always.
2. The generated packages (``api``): BASE's specs/ are generated with BASE's generator into a temporary folder,
   the working tree's too (or generated/ itself when specs/, generator/ and generated/ are as committed), then
   griffe compares their public API and mypy checks BASE's tests and README examples against the new packages.

Both run only when ``specs/*.yaml`` or ``generator/`` differ between BASE and the working tree; otherwise the
answer is "no change" at once. ``--old DIR`` (and ``--new DIR``, default: this checkout) compare two folders laid
out like the repository (``specs/``, optionally ``generator/``, ``tests/``, ``README.md``) without git.
Prints a markdown report; writes JSON to artifacts/breaking.json; exits 1 on a breaking change that
specs/breaking/allowlist.yaml does not accept, 2 when it cannot compare, 0 otherwise.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from .diff import Change, compare
from .operations import SpecError, load_operations
from .report import AllowlistError, Result, load_allowlist, markdown, write_json

ROOT = Path(__file__).resolve().parents[2]
WATCHED = (":(glob)specs/*.yaml", "generator")  # what the packages are made from
FROM_BASE = ("specs", "generator", "scripts/generate_merge.py", "scripts/generate_inputs.py", "tests", "README.md")


class GateError(Exception):
    """The comparison could not be made (an unknown ref, a generator failure); the message says why."""


def _git(*args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    proc = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, check=False)
    if check and proc.returncode != 0:
        raise GateError(f"git {' '.join(args)}: {proc.stderr.decode(errors='replace').strip()}")
    return proc


def resolve(ref: str) -> str:
    """REF's commit id, or "" when REF is no commit here (or this is no git checkout)."""
    try:
        proc = _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
    except OSError:  # no git at all
        return ""
    return proc.stdout.decode().strip() if proc.returncode == 0 else ""


def changed_since(sha: str) -> bool:
    """Whether specs/*.yaml or generator/ differ between SHA and the working tree (untracked files included)."""
    if _git("diff", "--quiet", sha, "--", *WATCHED, check=False).returncode != 0:
        return True
    return bool(_git("ls-files", "--others", "--exclude-standard", "--", *WATCHED).stdout.strip())


def clean_checkout() -> bool:
    """specs/, generator/ and generated/ as committed: then generated/ is what the specs make (test_generated)."""
    return not _git("status", "--porcelain", "--", "specs", "generator", "generated").stdout.strip()


def extract(sha: str, dest: Path) -> None:
    present = _git("ls-tree", "--name-only", sha, "--", *FROM_BASE).stdout.decode().split()
    archive = _git("archive", "--format=tar", sha, "--", *present).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4+: refuse links and paths out of DEST
            tar.extractall(dest, filter="data")
        else:  # pragma: no cover - our own git archive, on an older 3.11
            tar.extractall(dest)  # noqa: S202


def _tree_files(tree: Path) -> dict[str, bytes]:
    found = {p.name: p.read_bytes() for p in sorted((tree / "specs").glob("*.yaml"))}
    generator = tree / "generator"
    if generator.is_dir():
        found |= {f"generator/{p.relative_to(generator)}": p.read_bytes() for p in generator.rglob("*") if p.is_file()}
    return found


def api_layer(
    old: Path, new: Path, work: Path, reuse_generated: bool, phases: dict[str, float]
) -> tuple[list[Change], str]:
    """Generate both ends (in parallel), then griffe and mypy; returns the changes and a summary in words, and
    records the seconds of each phase in PHASES.

    When generated/ can stand for the new end, mypy's first run, against it, overlaps BASE's generation.
    """
    from . import api  # griffe and the generator: only when the specs changed

    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        phases[name] = round(phases.get(name, 0.0) + now - clock, 2)
        clock = now

    new_end = "generated/ as committed" if reuse_generated else "regenerated"
    jobs = [(api.start_generate(old, work / "old"), "the old specs")]
    if not reuse_generated:
        jobs.append((api.start_generate(new, work / "new"), "the new specs"))
    files: dict[Path, str] = {}
    try:
        if reuse_generated:
            after = api.projects(ROOT / "generated")
            files = api.sources(old, set(after), work / "readme")
            after_errors = api.type_errors(files, after, old)
            lap("mypy (new packages, during generation)")
        for proc, what in jobs:
            api.finish(proc, what)
        lap("generate")
        before = api.projects(work / "old")
        if not reuse_generated:
            after = api.projects(work / "new")
            files = api.sources(old, set(before), work / "readme")
            after_errors = api.type_errors(files, after, old)
            lap("mypy (new packages)")
        if api.same_packages(before, after):
            return [], f"regenerated, identical at both ends (new end: {new_end})"
        changes = list(api.griffe_changes(before, after))
        lap("griffe")
        typed = api.added_errors(api.type_errors(files, before, old), after_errors)
        lap("mypy (old packages)")
    except RuntimeError as exc:
        raise GateError(str(exc)) from exc
    finally:
        for proc, _ in jobs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    summary = (
        f"griffe found {len(changes)}, mypy on {len(files)} old test/README file(s) found {len(typed)} "
        f"(new end: {new_end})"
    )
    return changes + typed, summary


def run(args: argparse.Namespace, work: Path) -> Result:
    new = Path(args.new).resolve() if args.new else ROOT
    if args.old:
        old, label = Path(args.old).resolve(), str(args.old)
        changed, reuse = _tree_files(old) != _tree_files(new), False
    else:
        if args.new:
            raise GateError("--new compares with --old DIR only (BASE is compared with the working tree)")
        sha = resolve(args.base)
        if not sha:
            raise GateError(f"{args.base!r} is not a commit here")
        label = f"{args.base} ({sha[:10]})"
        changed = changed_since(sha)
        if changed:
            old = work / "base"
            extract(sha, old)
        reuse = changed and clean_checkout()
    result = Result(base=label, specs_changed=changed, new=str(args.new) if args.new else "working tree")
    if not changed:
        return result
    started = time.perf_counter()
    result.changes = compare(load_operations(old / "specs"), load_operations(new / "specs"))
    result.phases["specs"] = round(time.perf_counter() - started, 2)
    if args.specs_only:
        result.api_layer = "not checked (--specs-only)"
    else:
        api_changes, result.api_layer = api_layer(old, new, work, reuse, result.phases)
        result.changes += api_changes
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make breaking", description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="HEAD", help="git ref to compare the working tree with (default HEAD)")
    parser.add_argument("--old", help="compare this folder (laid out like the repository) instead of a git ref")
    parser.add_argument("--new", help="with --old: the new folder (default: this checkout)")
    parser.add_argument(
        "--skip-missing-base", action="store_true", help="exit 0, saying so, when BASE is not in this clone (CI)"
    )
    parser.add_argument("--specs-only", action="store_true", help="skip the generated-package layer")
    parser.add_argument("--allowlist", type=Path, help="default: <new>/specs/breaking/allowlist.yaml")
    parser.add_argument("--json", type=Path, default=ROOT / "artifacts" / "breaking.json")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.skip_missing_base and not args.old and not resolve(args.base):
        print(f"breaking: skipped: {args.base} is not in this clone (a shallow or single-commit clone, or no git)")
        return 0
    try:
        allowlist = load_allowlist(args.allowlist or Path(args.new or ROOT) / "specs" / "breaking" / "allowlist.yaml")
        with tempfile.TemporaryDirectory(prefix="cloudsign-breaking-") as tmp:
            result = run(args, Path(tmp))
    except (GateError, SpecError, AllowlistError) as exc:
        print(f"breaking: {exc}", file=sys.stderr)
        return 2
    result.allowlist = allowlist
    result.seconds = time.perf_counter() - started
    print(markdown(result))
    write_json(result, args.json)
    return 1 if result.failing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
