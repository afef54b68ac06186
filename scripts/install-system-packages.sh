#!/usr/bin/env bash
# Installs the Debian packages the app and its tests need (CJK font, fast font subsetting, poppler, Chromium,
# and Node.js with npm for the tests' axe-core).
set -euo pipefail

packages=(
  fonts-noto-cjk        # Traditional Chinese glyphs for the PDF
  libharfbuzz-subset0   # WeasyPrint subsets fonts with it; without it CJK PDFs take ~40x longer
  poppler-utils         # pdftotext, pdffonts, pdftoppm for the PDF tests
  chromium              # end-to-end tests (Playwright drives /usr/bin/chromium)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from elsewhere than Debian (NodeSource's nodejs carries its own npm, and Debian's npm
# package would conflict with it): only a machine without npm at all gets Debian's.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
