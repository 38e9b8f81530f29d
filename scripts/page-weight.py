#!/usr/bin/env python3
"""Page weight of a built site: the bytes of every .html file under DIR, as written (before compression).

Prints one line to parse, then one for people:
  page-weight: pages=186 median=18437 p90=41210 largest=199873 largest_path=oporajita/bn/index.html ok=1
  186 pages: median 18.0 KB, 90th percentile 40.2 KB, largest 195.2 KB (oporajita/bn/index.html)
KB are 1,000 bytes. Exits 1 when the median or the largest page is over its limit (given in KB), 2 on bad usage
or when DIR holds no page.

With --kinds, also one line per kind of page (to parse, then a table for people), where a page's kind is the
folder it is in (reports, brief, indicators, partners, funders, ...), or, for a page in a folder that has folders
of its own (the site's, an initiative's or a language's), its name: index.html is "overview" there, "home" at the top:
  page-weight-kind: kind=reports pages=16 median=20114 largest=53512 total=412345

Usage: page-weight.py DIR [--max-median KB] [--max-largest KB] [--top N] [--kinds]
"""
import argparse
import functools
import os
import sys


def pages(root):
    """(bytes, path relative to root) of every .html file under root, sorted by path."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                found.append((os.path.getsize(path), os.path.relpath(path, root)))
    return found


@functools.lru_cache(maxsize=None)
def has_folders(folder):
    return any(entry.is_dir() for entry in os.scandir(folder))


def kind_of(root, path):
    """The kind of the page at path (relative to root): see the module's documentation."""
    folder, name = os.path.split(path)
    stem = name[:-len(".html")]
    if folder and not has_folders(os.path.join(root, folder)):
        return os.path.basename(folder)
    if stem == "index":
        return "overview" if folder else "home"
    return stem


def percentile(sorted_sizes, p):
    """The nearest-rank percentile: the smallest size with at least p % of the pages at or below it."""
    rank = max(1, -(-p * len(sorted_sizes) // 100))  # ceil(p × n / 100)
    return sorted_sizes[rank - 1]


def median(sorted_sizes):
    n = len(sorted_sizes)
    middle = n // 2
    return sorted_sizes[middle] if n % 2 else (sorted_sizes[middle - 1] + sorted_sizes[middle]) / 2


def main(argv):
    parser = argparse.ArgumentParser(description="Page weight of a built site (bytes of each .html file).")
    parser.add_argument("dir", help="the built site's folder")
    parser.add_argument("--max-median", type=float, metavar="KB", help="fail when the median page is larger (KB = 1,000 bytes)")
    parser.add_argument("--max-largest", type=float, metavar="KB", help="fail when any page is larger (KB = 1,000 bytes)")
    parser.add_argument("--top", type=int, default=0, metavar="N", help="also list the N largest pages")
    parser.add_argument("--kinds", action="store_true", help="also the count, median and largest page of each kind")
    args = parser.parse_args(argv)

    if not os.path.isdir(args.dir):
        print(f"page-weight: no folder at {args.dir}", file=sys.stderr)
        return 2
    found = pages(args.dir)
    if not found:
        print(f"page-weight: no .html file under {args.dir}", file=sys.stderr)
        return 2
    sizes = sorted(size for size, _ in found)
    largest, largest_path = max(found, key=lambda page: (page[0], page[1]))
    mid, p90 = median(sizes), percentile(sizes, 90)

    over = []
    if args.max_median is not None and mid > args.max_median * 1000:
        over.append(f"median {mid / 1000:.1f} KB is over {args.max_median:g} KB")
    if args.max_largest is not None and largest > args.max_largest * 1000:
        over.append(f"largest page {largest / 1000:.1f} KB ({largest_path}) is over {args.max_largest:g} KB")

    print(f"page-weight: pages={len(sizes)} median={mid:g} p90={p90} largest={largest} largest_path={largest_path} "
          f"ok={0 if over else 1}")
    print(f"{len(sizes)} pages: median {mid / 1000:.1f} KB, 90th percentile {p90 / 1000:.1f} KB, "
          f"largest {largest / 1000:.1f} KB ({largest_path})")
    for size, path in sorted(found, key=lambda page: (-page[0], page[1]))[:args.top]:
        print(f"  {size / 1000:8.1f} KB  {path}")
    if args.kinds:
        kinds = {}
        for size, path in found:
            kinds.setdefault(kind_of(args.dir, path), []).append(size)
        ordered = sorted(kinds.items(), key=lambda item: (-sum(item[1]), item[0]))
        for kind, group in ordered:
            group.sort()
            print(f"page-weight-kind: kind={kind} pages={len(group)} median={median(group):g} largest={group[-1]} "
                  f"total={sum(group)}")
        print(f"  {'kind':<20} {'pages':>7} {'median KB':>10} {'largest KB':>11} {'all MB':>8}")
        for kind, group in ordered:
            print(f"  {kind:<20} {len(group):>7,} {median(group) / 1000:>10.1f} {group[-1] / 1000:>11.1f} "
                  f"{sum(group) / 1e6:>8.1f}")
    for problem in over:
        print(f"page-weight: {problem}", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
