#!/usr/bin/env python3
"""Checks a generated content folder against the documented content layout (README "The content layout") and the
input rules of issues 3 and 5 that synthetic data could break, independently of `collective check`.

  python3 Benchmarks/verify.py .build/bench/large-1x/content

Prints every problem as path:line: message and exits 1 if there is any. Python 3 standard library only.
"""

import csv
import os
import re
import sys

HEADERS = {
    "partners.csv": ["id", "name", "role", "kind", "joined"],
    "workstreams.csv": ["id", "name", "lead", "supporting", "goal"],
    "indicators.csv": ["id", "name", "scope", "partner", "workstream", "measure", "unit", "direction", "across_partners",
                       "across_periods", "baseline", "baseline_period", "target", "target_period", "description"],
    "results.csv": ["indicator", "partner", "period", "value", "numerator", "denominator", "dimension", "category",
                    "note"],
    "targets.csv": ["indicator", "partner", "period", "target"],
    "collaboration.csv": ["period", "from", "to", "kind", "count"],
    "outcomes.csv": ["date", "title", "condition", "partners", "description", "evidence"],
}
ENUMS = {
    "role": {"backbone", "implementing"}, "scope": {"partner", "collective", "collaboration"},
    "measure": {"count", "percentage", "amount", "score", "qualitative"}, "direction": {"increase", "decrease"},
    "across_partners": {"sum", "unique", "ratio", "mean", "max"}, "across_periods": {"sum", "latest", "max", "mean"},
    "kind": {"referral", "joint_activity", "shared_resource"},
    "condition": {"policies", "practices", "resource_flows", "relationships", "power_dynamics", "mental_models"},
}
PERIOD = re.compile(r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$")
ID = re.compile(r"^[A-Za-z0-9_-]+$")
problems = []


def problem(path, line, message):
    problems.append(f"{path}:{line}: {message}")


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    name = os.path.basename(path)
    missing = [c for c in HEADERS[name] if c not in rows[0]]
    if missing:
        problem(path, 1, f"header {rows[0]} lacks {missing}")
        return []
    for n, row in enumerate(rows[1:], 2):
        if len(row) != len(rows[0]):
            problem(path, n, f"{len(row)} fields, expected {len(rows[0])}")
    return [(n, dict(zip(rows[0], row))) for n, row in enumerate(rows[1:], 2) if len(row) == len(rows[0])]


def number(path, line, text, what):
    try:
        return float(text)
    except ValueError:
        problem(path, line, f"{what} `{text}` is not a number")
        return None


def front_matter(path):
    text = open(path, encoding="utf-8").read()
    if not text.startswith("---\n") or "\n---\n" not in text[3:]:
        problem(path, 1, "no YAML front matter")
        return {}
    block = text[4:text.index("\n---\n", 3)]
    return dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)


def verify_initiative(folder):
    p = lambda name: os.path.join(folder, name)
    optional = lambda name: read(p(name)) if os.path.isfile(p(name)) else []
    absent = [f for f in ("initiative.md", "partners.csv", "workstreams.csv", "indicators.csv", "results.csv")
              if not os.path.isfile(p(f))]
    if absent:
        problem(folder, 0, f"missing {', '.join(absent)}")
        return
    fm = front_matter(p("initiative.md"))
    for key in ("name", "backbone", "started", "period"):
        if key not in fm:
            problem(p("initiative.md"), 1, f"front matter has no `{key}`")
    partners = {r["id"]: (n, r) for n, r in read(p("partners.csv"))}
    for pid, (n, r) in partners.items():
        if not ID.match(pid):
            problem(p("partners.csv"), n, f"id `{pid}`")
        if r["role"] not in ENUMS["role"]:
            problem(p("partners.csv"), n, f"role `{r['role']}`")
    if len(partners) != len(read(p("partners.csv"))):
        problem(p("partners.csv"), 1, "duplicate partner ids")
    if fm.get("backbone") not in partners or partners[fm["backbone"]][1]["role"] != "backbone":
        problem(p("initiative.md"), 1, f"backbone `{fm.get('backbone')}` is not a backbone row of partners.csv")
    workstreams = {}
    for n, r in read(p("workstreams.csv")):
        workstreams[r["id"]] = r
        for ref in [r["lead"]] + r["supporting"].split(";"):
            if ref not in partners:
                problem(p("workstreams.csv"), n, f"unknown partner `{ref}`")
    indicators = {}
    for n, r in read(p("indicators.csv")):
        if r["id"] in indicators:
            problem(p("indicators.csv"), n, f"duplicate indicator `{r['id']}`")
        indicators[r["id"]] = r
        for key in ("scope", "measure", "direction", "across_partners", "across_periods"):
            # Only scope is required; the others have defaults (count, increase, sum, sum).
            if r[key] not in ENUMS[key] and (key == "scope" or r[key]):
                problem(p("indicators.csv"), n, f"{key} `{r[key]}`")
        if r["scope"] == "partner" and r["partner"] not in partners:
            problem(p("indicators.csv"), n, "partner indicator without a known owning partner")
        if r["workstream"] and r["workstream"] not in workstreams:
            problem(p("indicators.csv"), n, f"unknown workstream `{r['workstream']}`")
        for key in ("baseline_period", "target_period"):
            if r[key] and not PERIOD.match(r[key]):
                problem(p("indicators.csv"), n, f"{key} `{r[key]}`")
        if r["target_period"] and r["target_period"] < r["baseline_period"]:
            problem(p("indicators.csv"), n, "target period before baseline period")
    seen = set()
    periods_with_data = set()
    totals = {}  # (indicator, period, category) -> [sum of partner values, shared value]
    for n, r in read(p("results.csv")):
        path = p("results.csv")
        ind = indicators.get(r["indicator"])
        if ind is None:
            problem(path, n, f"unknown indicator `{r['indicator']}`")
            continue
        if r["partner"] != "*" and r["partner"] not in partners:
            problem(path, n, f"unknown partner `{r['partner']}`")
        if not PERIOD.match(r["period"]) or r["period"] < fm.get("started", ""):
            problem(path, n, f"period `{r['period']}`")
        periods_with_data.add(r["period"])
        key = (r["indicator"], r["partner"], r["period"], r["dimension"], r["category"])
        if key in seen:
            problem(path, n, f"duplicate results row {key}")
        seen.add(key)
        value = number(path, n, r["value"], "value") if r["value"] else None
        if r["numerator"] or r["denominator"]:
            num = number(path, n, r["numerator"], "numerator")
            den = number(path, n, r["denominator"], "denominator")
            if num is not None and den is not None and (num > den or den <= 0):
                problem(path, n, f"numerator {num} and denominator {den}")
        if ind["measure"] == "percentage" and value is not None and not 0 <= value <= 100:
            problem(path, n, f"percentage {value} outside 0–100")
        if ind["across_partners"] == "unique" and value is not None:
            t = totals.setdefault((r["indicator"], r["period"], r["category"]), [0, None])
            if r["partner"] == "*":
                t[1] = value
            else:
                t[0] += value
    for (ind, period, cat), (parts, shared) in totals.items():
        if shared is not None and parts and shared > parts:
            problem(p("results.csv"), 0, f"`*` row {shared} of {ind} {period} {cat} larger than the sum of parts {parts}")
    for n, r in optional("targets.csv"):
        if r["indicator"] not in indicators or (r["partner"] and r["partner"] not in partners):
            problem(p("targets.csv"), n, "unknown indicator or partner")
        if r["period"] and not PERIOD.match(r["period"]):
            problem(p("targets.csv"), n, f"period `{r['period']}`")
        number(p("targets.csv"), n, r["target"], "target")
    for n, r in optional("collaboration.csv"):
        if r["from"] not in partners or r["to"] not in partners or r["kind"] not in ENUMS["kind"]:
            problem(p("collaboration.csv"), n, "unknown partner or kind")
    for n, r in optional("outcomes.csv"):
        if r["condition"] not in ENUMS["condition"] or any(x not in partners for x in r["partners"].split(";")):
            problem(p("outcomes.csv"), n, "unknown condition or partner")
    reports = p("reports")
    for name in sorted(os.listdir(reports)) if os.path.isdir(reports) else []:
        period = name[:-3].split(".")[0]  # 2025-Q3.bn.md is a translation of 2025-Q3
        fm_r = front_matter(os.path.join(reports, name))
        if fm_r.get("period") != period:
            problem(os.path.join(reports, name), 2, f"period `{fm_r.get('period')}` does not match the file name")
        if period not in periods_with_data:
            problem(os.path.join(reports, name), 1, "a narrative for a period with no data")
    partner_pages = p("partners")
    if os.path.isdir(partner_pages):
        for name in os.listdir(partner_pages):
            if name[:-3] not in partners:
                problem(os.path.join(partner_pages, name), 1, "profile of an unknown partner")


def main():
    content = sys.argv[1]
    if not os.path.isfile(os.path.join(content, "site.yaml")):
        problem(content, 0, "no site.yaml")
    base = os.path.join(content, "initiatives")
    slugs = sorted(os.listdir(base))
    for slug in slugs:
        if not ID.match(slug):
            problem(os.path.join(base, slug), 0, "slug")
        verify_initiative(os.path.join(base, slug))
    for line in problems[:50]:
        print(line)
    print(f"verify.py: {len(slugs)} initiatives, {len(problems)} problems", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
