#!/usr/bin/env python3
"""Opens every HTML page of a built site in headless Chromium at a phone's width (390 px) and fails (exit 1) when
any page is wider than the window, so that the whole page would scroll sideways on a phone. Wide tables and charts
must scroll inside their own box instead.

Usage: phone_width_check.py SITE_DIR
"""
import pathlib
import sys

from axe_check import browser


def main() -> int:
    site = pathlib.Path(sys.argv[1]).resolve()
    pages = sorted(site.rglob("*.html"))
    driver = browser()
    too_wide = []
    try:
        driver.set_window_size(390, 900)
        for page in pages:
            driver.get(page.as_uri())
            overflow = driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                too_wide.append((page.relative_to(site), overflow))
    finally:
        driver.quit()
    for page, overflow in too_wide:
        print(f"  {page}: {overflow} px wider than the 390 px window (the page scrolls sideways)")
    print(f"phone width: {len(pages)} pages, {len(too_wide)} wider than the phone")
    return 1 if too_wide else 0


if __name__ == "__main__":
    sys.exit(main())
