"""`make docs` (scripts/docs.sh): the Redocly reference opens in headless Chromium, offline, and shows each
operation with its parameters and the signing schemes; screenshots are kept under artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .chromium import dump_dom, ensure_chromium, screenshot, visible_text
from .specs import ROOT, SEED_OPERATIONS, SPECS, load, operation, parameters
from .tools import run

# Facts each page must show: the operation's name, its parameters, and the signing schemes' explanations.
OPERATION_TEXT = {
    "das": ["Creating an Instance Connection", "engine_type", "network_type", "is_save_password", "X-Language"],
    "dataworks": ["CreateConnection", "ConnectionType", "Content", "EnvType", "ProjectId", "Deprecated"],
}
SCHEME_TEXT = {
    "akskSignature": ["SDK-HMAC-SHA256", "X-Sdk-Date", "SignedHeaders"],
    "iamToken": ["X-Auth-Token", "IAM"],
    "acs3HmacSha256": ["ACS3-HMAC-SHA256", "x-acs-signature-nonce", "x-acs-content-sha256"],
    "rpcHmacSha1": ["HMAC-SHA1", "SignatureNonce", "AccessKeySecret"],
}
# Appended to a copy of a page: opens "View security details" and copies each scheme's tab into the DOM.
CLICK_THROUGH_SECURITY = """
<script>
const copied = document.createElement("div"); copied.id = "test-security"; document.body.append(copied);
const wait = (find, then) => {
  const t = setInterval(() => { const el = find(); if (el) { clearInterval(t); then(el); } }, 50);
};
const buttons = () => [...document.querySelectorAll("button")];
wait(() => buttons().find((b) => b.textContent.trim() === "View security details"), (open) => {
  open.click();
  wait(() => document.querySelectorAll('[role="tab"]').length, () => {
    const tabs = [...document.querySelectorAll('[role="tab"]')];
    const next = (i) => {
      if (i === tabs.length) return;
      tabs[i].click();
      setTimeout(() => {
        const box = document.createElement("section"); box.dataset.scheme = tabs[i].title;
        box.textContent = tabs[i].closest('[role="tablist"]').parentElement.textContent;
        copied.append(box);
        next(i + 1);
      }, 200);
    };
    next(0);
  });
});
</script>
"""


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference built into a temporary folder, with Chromium installed to read it (or the tests skip)."""
    if (reason := ensure_chromium()) is not None:
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("docs")
    run(ROOT / "scripts/docs.sh", out)
    return out


def _route(kind: str) -> str:
    """Redoc's hash route of the operation (it routes with the hash on file://)."""
    _, _, op = operation(kind)
    return f"#/{op['tags'][0].lower()}/{op['operationId'].lower()}"


def test_index_links_both_references(docs: Path) -> None:
    text = visible_text(dump_dom((docs / "index.html").as_uri()))
    html = (docs / "index.html").read_text()
    for kind, spec in SPECS.items():
        assert load(kind)["info"]["title"] in text
        assert f'href="{spec.stem}.html"' in html


@pytest.mark.parametrize("kind", SPECS)
def test_operation_parameters_and_signing_schemes_render(docs: Path, kind: str) -> None:
    """One page load per document (each Chromium start costs seconds of CPU): the operation, its parameters and,
    clicked through, each signing scheme's explanation; a screenshot of each seed operation's page."""
    page = docs / f"{SPECS[kind].stem}-click.html"
    page.write_text((docs / f"{SPECS[kind].stem}.html").read_text() + CLICK_THROUGH_SECURITY)
    dom = dump_dom(page.as_uri() + _route(kind))
    copied = re.search(r'<div id="test-security">(?:<section[^>]*>[^<]*</section>)*</div>', dom)
    assert copied is not None, "the click-through found no security details"
    text = visible_text(dom.replace(copied.group(0), ""))  # the page's own text, without the test's copies
    missing = [fact for fact in OPERATION_TEXT.get(kind, []) if fact not in text]
    missing += [p["name"] for p in parameters(kind) if p["name"] not in text]
    assert not missing, f"not rendered: {missing}"
    shown = dict(re.findall(r'<section data-scheme="([^"]+)">([^<]*)</section>', copied.group(0)))
    schemes = load(kind)["components"]["securitySchemes"]
    assert sorted(shown) == sorted(schemes)
    for name, explained in shown.items():
        assert [fact for fact in SCHEME_TEXT.get(name, []) if fact not in explained] == [], name
    if kind in SEED_OPERATIONS:
        png = ROOT / f"artifacts/docs-{kind}-operation.png"
        screenshot((docs / f"{SPECS[kind].stem}.html").as_uri() + _route(kind), png)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
