#!/usr/bin/env python3
"""Opens chart pages of a built site in headless Chromium at 1280 and 390 px and fails (exit 1) when any chart text
renders smaller than 10 px or larger than 24 px, or when two chart labels (or a label and a marker) overlap.

What is measured is what a reader sees: every visible <text> of every chart <svg> (white halos excluded, they
double a label), its font size times the scale the drawing is shown at (getScreenCTM), and its box as drawn on the
screen (getBBox corners through getScreenCTM, so rotated text is a rotated box). Two boxes overlap when they share
more than 1 px in every direction (separating-axis test). Markers (status shapes, points, milestones, the collective
diamonds) count as boxes too. A screenshot of every page at both widths goes to SHOT_DIR.

Usage: chart_check.py SITE_DIR SHOT_DIR PAGE [PAGE ...]   (PAGE relative to SITE_DIR)
       chart_check.py --self-test SHOT_DIR               (proves the check fails on a planted collision and on
                                                           text scaled to 28 px, and passes on a clean chart)
"""
import pathlib
import sys
import tempfile

from axe_check import browser

MIN_PX, MAX_PX = 10.0, 24.0
WIDTHS = (1280, 390)

MEASURE = r"""
const out = [];
const charts = [...document.querySelectorAll('svg.chart-svg')];
charts.forEach((svg, chartIndex) => {
  const items = [];
  const visible = el => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden') return false;
    }
    return el.getClientRects().length > 0;
  };
  const quad = el => {
    const b = el.getBBox(), m = el.getScreenCTM();
    if (!m || b.width === 0 || b.height === 0) return null;
    return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
      .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
  };
  for (const t of svg.querySelectorAll('text')) {
    if (t.classList.contains('chart-halo') || !visible(t)) continue;
    const m = t.getScreenCTM();
    const scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    const q = quad(t);
    if (!q) continue;
    items.push({kind: 'text', text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) * scale, quad: q});
  }
  for (const mk of svg.querySelectorAll('.chart-marker, .chart-point, .chart-milestone, .chart-collective')) {
    if (!visible(mk)) continue;
    const q = quad(mk);
    if (q) items.push({kind: 'marker', text: mk.getAttribute('class'), quad: q});
  }
  out.push({chart: svg.id || ('chart ' + chartIndex), items: items});
});
return out;
"""


def axes(quad):
    for i in range(4):
        (x1, y1), (x2, y2) = quad[i], quad[(i + 1) % 4]
        yield (y1 - y2, x2 - x1)


def overlap(a, b, tolerance=1.0):
    """Separating-axis test for two convex quadrilaterals; True when they share more than `tolerance` px."""
    for ax, ay in list(axes(a)) + list(axes(b)):
        length = (ax * ax + ay * ay) ** 0.5
        if length == 0:
            continue
        ax, ay = ax / length, ay / length
        pa = [x * ax + y * ay for x, y in a]
        pb = [x * ax + y * ay for x, y in b]
        if min(max(pa), max(pb)) - max(min(pa), min(pb)) <= tolerance:
            return False
    return True


def problems(charts):
    found = []
    for chart in charts:
        items = chart["items"]
        for item in items:
            if item["kind"] == "text" and not (MIN_PX <= item["size"] <= MAX_PX):
                found.append(f"{chart['chart']}: \"{item['text']}\" renders {item['size']:.1f} px high")
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                if a["kind"] == "marker" and b["kind"] == "marker":
                    continue  # points on a line may touch each other
                if overlap(a["quad"], b["quad"]):
                    found.append(f"{chart['chart']}: \"{a['text']}\" overlaps \"{b['text']}\"")
    return found


def check(driver, url, shot_prefix):
    """Problems on one page at both widths, and the number of chart texts measured."""
    found, texts = [], 0
    for width in WIDTHS:
        driver.set_window_size(width, 1200)
        driver.get(url)
        charts = driver.execute_script(MEASURE)
        texts += sum(1 for c in charts for i in c["items"] if i["kind"] == "text")
        found += [f"at {width} px: {p}" for p in problems(charts)]
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(max(height, 800), 16000))
        driver.save_screenshot(f"{shot_prefix}-{width}.png")
    return found, texts


PLANTED = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>planted</title>
<style>.chart svg {{ display: block; width: 100%; height: auto; }}</style></head><body style="width: 1200px">
<figure class="chart">{svg}</figure></body></html>"""
CLEAN = ('<svg class="chart-svg" id="clean" width="100%" height="60"><text x="0" y="20" font-size="13">Target 30%</text>'
         '<text x="0" y="45" font-size="13">Baseline 10%</text></svg>')
COLLISION = ('<svg class="chart-svg" id="collision" width="100%" height="60"><text x="0" y="20" font-size="13">Target 30%</text>'
             '<text x="40" y="24" font-size="13">36% · On track</text></svg>')
OVERSIZE = ('<svg class="chart-svg" id="oversize" viewBox="0 0 480 240" width="100%"><text x="10" y="40" font-size="13">'
            'Target 30%</text></svg>')


def self_test(shots):
    """The check must pass the clean chart and fail the planted collision and the text scaled with its drawing."""
    driver = browser()
    ok = True
    try:
        with tempfile.TemporaryDirectory() as folder:
            for name, svg, expect in (("clean", CLEAN, None), ("collision", COLLISION, "overlaps"),
                                      ("oversize", OVERSIZE, "renders")):
                page = pathlib.Path(folder) / f"{name}.html"
                page.write_text(PLANTED.format(svg=svg), encoding="utf-8")
                found, _ = check(driver, page.as_uri(), str(shots / f"self-test-{name}"))
                caught = [p for p in found if expect and expect in p]
                if expect is None and found:
                    ok = False
                    print(f"  self-test: the clean chart was flagged: {found}")
                elif expect is not None and not caught:
                    ok = False
                    print(f"  self-test: the planted {name} was NOT caught")
                else:
                    print(f"chart check self-test: {name}: {'clean' if expect is None else caught[0]}")
    finally:
        driver.quit()
    return 0 if ok else 1


def main() -> int:
    if sys.argv[1] == "--self-test":
        shots = pathlib.Path(sys.argv[2])
        shots.mkdir(parents=True, exist_ok=True)
        return self_test(shots)
    site, shots, pages = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2]), sys.argv[3:]
    shots.mkdir(parents=True, exist_ok=True)
    driver = browser()
    failures, total = [], 0
    try:
        for page in pages:
            name = page.replace("/", "_").replace(".html", "")
            found, texts = check(driver, (site / page).as_uri(), str(shots / name))
            total += texts
            failures += [f"{page} {p}" for p in found]
    finally:
        driver.quit()
    for failure in failures[:80]:
        print(f"  {failure}")
    print(f"chart text: {len(pages)} pages at {' and '.join(map(str, WIDTHS))} px, {total} chart texts measured, "
          f"{len(failures)} problems (sizes must be {MIN_PX:g}-{MAX_PX:g} px, no two labels overlapping)")
    if total == 0:
        print("chart text: no chart text found at all; the check would prove nothing")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
