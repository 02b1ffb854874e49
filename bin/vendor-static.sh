#!/usr/bin/env bash
# Install the front-end libraries from npm and copy their built files into static/vendor.
# Nothing of them is committed; run at set-up time by `make install`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/var/npm"
dest="$root/src/pacte/static/vendor"
mkdir -p "$work" "$dest"
cp "$root/frontend/package.json" "$work/package.json"
if [ ! -f "$work/.installed" ] || ! cmp -s "$root/frontend/package.json" "$work/.installed"; then
  (cd "$work" && npm install --no-audit --no-fund --no-package-lock --loglevel=error)
  cp "$root/frontend/package.json" "$work/.installed"
fi
cp "$work/node_modules/@picocss/pico/css/pico.min.css" "$dest/pico.min.css"
cp "$work/node_modules/chart.js/dist/chart.umd.min.js" "$dest/chart.umd.min.js"
cp "$work/node_modules/htmx.org/dist/htmx.min.js" "$dest/htmx.min.js"
# Swagger UI for /api/docs/, served from our static files (the page works offline).
mkdir -p "$dest/swagger-ui"
for file in swagger-ui.css swagger-ui-bundle.js swagger-ui-standalone-preset.js favicon-32x32.png; do
  cp "$work/node_modules/swagger-ui-dist/$file" "$dest/swagger-ui/$file"
done
