#!/usr/bin/env python3
"""Turns the measurements of scripts/bench.sh into the table and the target ratios of issue 7.

  report.py RESULTS.tsv OUT.md "machine description" QUICK(0|1)

RESULTS.tsv has one line per timed command: label, wall seconds, pages, input bytes, peak RSS in KB, status
("ok", "exit N", "timed out …", or a reason it was not measured). Prints the tables and writes them as Markdown.
"""

import sys

NAMES = {
    "small-full": "collective: small site (sample), full build",
    "large-full": "collective: large site, full build",
    "large-copy": "copy of that build's output, cp -r 2 at a time (no build; MB = MB copied)",
    "large-check": "collective check: large site (no page written; pages = narratives read)",
    "large-one-narrative": "collective: large, one narrative changed",
    "large-one-csv": "collective: large, one CSV changed",
    "data-heavy-full": "collective: data-heavy site, full build",
    "cmark": "cmark CLI: same narratives, 1 process",
    "hugo": "Hugo: same narratives, one-page layout",
    "large-2x-full": "collective: large ×2, full build",
    "large-4x-full": "collective: large ×4, full build",
}
ORDER = list(NAMES)
MB = 1_000_000


def load(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            label, wall, pages, inp, rss, status, cpu, user, system = (line.rstrip("\n").split("\t") + [""] * 9)[:9]
            r = dict(status=status, cpu=cpu or "—", user=float(user) if user else None,
                     system=float(system) if system else None)
            if wall:
                r.update(wall=float(wall), pages=int(pages or 0), input=int(inp or 0), rss=int(rss or 0) / 1024)
            rows[label] = r
    return rows


def fmt(x, digits=2):
    return "—" if x is None else f"{x:,.{digits}f}"


def figure(rows, label, key):
    r = rows.get(label)
    return r.get(key) if r and r.get("status") == "ok" else None


def main():
    results, out_md, machine, quick = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
    rows = load(results)

    table = [["Run", "Wall s", "Pages", "Pages/s", "Input MB", "Input MB/s", "Peak MB", "CPU", "Status"]]
    for label in ORDER:
        r = rows.get(label)
        if r is None:
            continue
        if "wall" not in r:
            table.append([NAMES[label], "—", "—", "—", "—", "—", "—", "—", "not measured: " + r["status"]])
            continue
        w = r["wall"]
        table.append([NAMES[label], fmt(w, 3), f"{r['pages']:,}", fmt(r["pages"] / w if w else None, 0),
                      fmt(r["input"] / MB, 1), fmt(r["input"] / MB / w if w else None, 1), fmt(r["rss"], 0),
                      r["cpu"], r["status"]])

    def ratio(a, b):
        return a / b if a is not None and b else None

    def verdict(value, limit, below=True):
        if value is None:
            return "not measured"
        return "met" if (value < limit if below else value > limit) else "NOT met"

    wall = lambda l: figure(rows, l, "wall")
    rss = lambda l: figure(rows, l, "rss")
    targets = [["Target (issue 7)", "Figure", "Limit", "Verdict"]]
    r = ratio(wall("large-full"), wall("hugo"))
    targets.append(["large full build wall ÷ Hugo wall", fmt(r, 3), "≤ 0.125", verdict(r, 0.125 + 1e-9)])
    r = ratio(wall("large-full"), wall("cmark"))
    targets.append(["large full build wall ÷ cmark CLI wall", fmt(r, 3), "≤ 1.0", verdict(r, 1.0 + 1e-9)])
    r = ratio(rss("large-full"), rss("hugo"))
    targets.append(["large full build peak memory ÷ Hugo peak memory", fmt(r, 3), "≤ 0.125", verdict(r, 0.125 + 1e-9)])
    w = wall("large-one-narrative")
    targets.append(["one narrative changed, rebuild wall (ms)", fmt(w * 1000 if w is not None else None, 0), "< 150",
                    verdict(w, 0.150)])
    w = wall("large-one-csv")
    targets.append(["one CSV changed, rebuild wall (ms)", fmt(w * 1000 if w is not None else None, 0), "(no target)",
                    "—"])
    w = wall("data-heavy-full")
    targets.append(["data-heavy full build wall (s)", fmt(w, 3), "< 2", verdict(w, 2.0)])
    m = rss("data-heavy-full")
    targets.append(["data-heavy full build peak memory (MB)", fmt(m, 0), "< 400", verdict(m, 400)])

    # Linear growth: cost per MB of input at 1×, 2×, 4×, and each relative to 1× (1.00 is perfectly linear).
    # User and kernel CPU seconds show which part grows faster than the input (the kernel's, when the output
    # outgrows the page cache's dirty-data limits).
    # The last two columns: right after each build, `dd` wrote as many bytes as the build had written into the page
    # cache (bench.sh write_probe): what the machine alone charged for taking in that output at that minute.
    linear = [["Scale", "Input MB", "Wall s", "ms per input MB", "Relative to 1×", "Peak MB", "User CPU s", "Kernel CPU s",
               "Output MB", "dd of the output s", "dd ms per output MB"]]
    base = None
    for k, label in ((1, "large-full"), (2, "large-2x-full"), (4, "large-4x-full")):
        r = rows.get(label)
        if r is None:
            continue
        if r.get("status") != "ok":
            linear.append([f"{k}×", fmt(r["input"] / MB if "input" in r else None, 1), "—", "—", "—",
                           "— (" + r["status"] + ")", "—", "—", "—", "—", "—"])
            continue
        per = r["wall"] * 1000 / (r["input"] / MB)
        base = base or (per if k == 1 else None)
        dd_wall, out_bytes = figure(rows, label + "-write", "wall"), figure(rows, label + "-write", "input")
        linear.append([f"{k}×", fmt(r["input"] / MB, 1), fmt(r["wall"], 3), fmt(per, 2),
                       fmt(per / base if base else None, 2), fmt(r["rss"], 0), fmt(r["user"], 1), fmt(r["system"], 1),
                       fmt(out_bytes / MB if out_bytes else None, 0), fmt(dd_wall, 2),
                       fmt(dd_wall * 1000 / (out_bytes / MB) if dd_wall is not None and out_bytes else None, 2)])
    rel = [row[4] for row in linear[1:] if row[0] != "1×" and row[4] not in ("—",)]
    if rel:
        worst = max(float(x.replace(",", "")) for x in rel)
        targets.append(["cost per input MB at 2×/4× relative to 1× (worst)", fmt(worst, 2), "≤ 1.15 (linear)",
                        verdict(worst, 1.15 + 1e-9)])
    else:
        targets.append(["cost per input MB at 2×/4× relative to 1×", "—", "≤ 1.15 (linear)", "not measured"])

    # What the two ratio targets leave room for, in the same run: the build reads and checks the input
    # (`collective check` does that alone) and writes its pages (copying the finished output, with no build, is a
    # floor for that part). Each row ÷ cmark and ÷ Hugo; the targets ask the full build for ≤ 1.0 and ≤ 0.125.
    floors = [["Same run", "Wall s", "÷ cmark CLI wall", "÷ Hugo wall"]]
    for label, name in (("cmark", "cmark CLI over the narratives (the 1.0 × cmark target)"),
                        ("large-check", "collective check of the large site: read, validate, compute; no page"),
                        ("large-copy", "copying the large build's output, cp -r 2 at a time; no build"),
                        ("large-full", "collective full build of the large site")):
        w = wall(label)
        floors.append([name, fmt(w, 3), fmt(ratio(w, wall("cmark")), 2), fmt(ratio(w, wall("hugo")), 3)])
    h = wall("hugo")
    floors.append(["⅛ of Hugo's wall (the 0.125 × Hugo target)", fmt(h / 8 if h else None, 3),
                   fmt(ratio(h / 8 if h else None, wall("cmark")), 2), "0.125"])

    def text_table(t):
        widths = [max(len(str(row[i])) for row in t) for i in range(len(t[0]))]
        lines = []
        for n, row in enumerate(t):
            lines.append("  ".join(str(c).rjust(w) if 0 < i < len(row) - 1 and n else str(c).ljust(w)
                                   for i, (c, w) in enumerate(zip(row, widths))))
            if n == 0:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def md_table(t):
        lines = ["| " + " | ".join(t[0]) + " |", "|" + "|".join("---" if i in (0, len(t[0]) - 1) else "---:" for i in range(len(t[0])))
                 + "|"]
        lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in t[1:]]
        return "\n".join(lines)

    note = ("Quick run (25-initiative large site, 100,000-row data-heavy site): the targets are about the full run."
            if quick else "Full run.")
    print(f"Machine: {machine}\n{note}\n")
    print(text_table(table) + "\n")
    print(text_table(targets) + "\n")
    print(text_table(linear) + "\n")
    print(text_table(floors))
    with open(out_md, "w", encoding="utf-8") as f:
        f.write(f"# Benchmark results\n\nMachine: {machine}\n\n{note}\n\n{md_table(table)}\n\n"
                f"## Targets\n\n{md_table(targets)}\n\n## Linear growth\n\n{md_table(linear)}\n\n"
                f"## What the ratio targets leave room for\n\n{md_table(floors)}\n")


if __name__ == "__main__":
    main()
