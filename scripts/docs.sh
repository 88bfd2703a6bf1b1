#!/usr/bin/env bash
# Build the static HTML API reference of every spec in specs/ with `redocly build-docs`, plus an index page.
# Usage: scripts/docs.sh [OUT_DIR]   (default: dist/docs). Redoc is inlined (--inlineBundle), so the pages work
# offline and from file:// (Redoc routes with the URL hash there: page.html#/connections/createinstanceconnection).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root/dist/docs}" && cd "${1:-$root/dist/docs}" && pwd)
export PATH="$root/node_modules/.bin:$PATH" REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
cd "$root"
links=""
for spec in specs/*.yaml; do
  name=$(basename "$spec" .yaml)
  title=$(sed -n 's/^  title: //p' "$spec" | head -1)
  redocly build-docs "$spec" --output "$out/$name.html" --title "$title" --inlineBundle --lint-config error \
    >/dev/null 2>"$out/.build-docs.log" || { cat "$out/.build-docs.log" >&2; exit 1; }
  title_html=$(printf '%s' "$title" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g')
  links+="    <li><a href=\"$name.html\">$title_html</a> <small>(from <code>$spec</code>)</small></li>"$'\n'
done
rm -f "$out/.build-docs.log"
cat > "$out/index.html" <<HTML
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>cloudsign API reference</title></head>
<body>
  <h1>cloudsign API reference</h1>
  <p>One page per API, built from the OpenAPI documents in <code>specs/</code>. Each page's Authentication section
  explains the request signing schemes.</p>
  <ul>
$links  </ul>
</body>
</html>
HTML
echo "docs: $out/index.html"
