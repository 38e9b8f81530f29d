#!/usr/bin/env python3
"""Prints a funder brief to PDF in headless Chromium on A4 and on US Letter and checks the result.

Usage: print_check.py SITE_DIR PAGE OUT_DIR   (PAGE relative to SITE_DIR)
Fails (exit 1) when a printout has more than MAX_PAGES pages, shows screen-only chrome (the skip link), or lacks
any indicator named in the page's tables (a table cut off, a row lost at a page break). The PDFs are kept in OUT_DIR.
"""
import base64
import html
import pathlib
import re
import subprocess
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.print_page_options import PrintOptions

MAX_PAGES = 4
PAPERS = {"a4": (21.0, 29.7), "letter": (21.59, 27.94)}


def words(text: str) -> str:
    return " ".join(text.split())


def letters(text: str) -> str:
    """Letters and digits only: pdftotext joins a word hyphenated across lines ("automated-/line")."""
    return "".join(c for c in text.lower() if c.isalnum())


def printed(name: str, flat: str) -> bool:
    """Whether the row named `name` is in the printout's text (`letters` of it). Its first words in a row, as a
    reader reads them; failing that, every word of the name somewhere in the text: in Bengali and Kannada a name
    wrapped in its cell comes out of pdftotext with its first word far from the rest (its reading order follows the
    glyph runs), so only the words can be found. That is weaker (a word may also be in another row), but a table
    cut off or a row lost at a page break still loses words no other row has."""
    if letters(" ".join(name.split()[:4])) in flat:
        return True
    return all(letters(word) in flat for word in name.split())


def main() -> int:
    site, page, out = pathlib.Path(sys.argv[1]).resolve(), sys.argv[2], pathlib.Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    source = (site / page).read_text(encoding="utf-8")
    # Every indicator named in the brief's tables must be in the printout (row headers of its tables).
    names = [words(html.unescape(re.sub(r"<[^>]+>", "", m))) for m in re.findall(r'<th scope="row"[^>]*>(.*?)</th>', source, re.S)]
    names = [n for n in names if n]
    if not names:  # a check of nothing would pass: the page's row headers changed shape
        print(f"print: {page}: no indicator rows found in the page (no <th scope=\"row\">), so nothing to check: FAILED")
        return 1
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--allow-file-access-from-files"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    failures = 0
    try:
        driver.get((site / page).as_uri())
        for paper, (width, height) in PAPERS.items():
            settings = PrintOptions()
            settings.page_width, settings.page_height = width, height
            pdf = out / f"{paper}.pdf"
            pdf.write_bytes(base64.b64decode(driver.print_page(settings)))
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
            pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
            # Reading order (not -layout): a name wrapped in a narrow column comes out as consecutive words.
            raw = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
            text, flat = words(raw), letters(raw)
            missing = [n for n in names if not printed(n, flat)]
            problems = []
            if pages > MAX_PAGES:
                problems.append(f"{pages} pages (at most {MAX_PAGES})")
            if "Skip to content" in text:
                problems.append("the skip link (screen-only chrome) is printed")
            if missing:
                problems.append("missing: " + "; ".join(missing[:5]))
            status = "ok" if not problems else "FAILED: " + ", ".join(problems)
            print(f"print: {page} on {paper}: {pages} pages, {len(names) - len(missing)} of {len(names)} indicator rows: {status}")
            failures += bool(problems)
    finally:
        driver.quit()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
