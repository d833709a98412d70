#!/usr/bin/env bash
# Renders the sample's openness report in headless Chromium (Debian's `chromium` package) and saves a screenshot.
# Usage: tests/Report/screenshot-report.sh [report.html] [out.png] [width,height]
# Needs: apt-get install -y chromium   (not part of the test suite: CI machines do not have a browser)
set -euo pipefail
cd "$(dirname "$0")/../.."

html=${1:-samples/SentimentService/bin/Debug/net10.0/SentimentService.openness.html}
png=${2:-artifacts/openness-report.png}
size=${3:-1280,2200}
if [ ! -f "$html" ]; then
  dotnet build samples/SentimentService -nologo -v:q
fi

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "chromium is not installed: apt-get install -y chromium" >&2
  exit 2
fi

mkdir -p "$(dirname "$png")"
profile=$(mktemp -d)
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size="$size" \
  --screenshot="$png" "file://$(realpath "$html")" 2>/dev/null
rm -rf "$profile"
# Screenshots go into notes and docs: quantised when pngquant is installed, they are a third of the size.
if command -v pngquant > /dev/null; then
  pngquant --force --skip-if-larger --output "$png" -- "$png" || true
fi
echo "screenshot: $png"
