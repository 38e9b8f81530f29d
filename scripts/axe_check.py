#!/usr/bin/env python3
"""Opens pages of a built site in headless Chromium, runs axe-core on each at desktop and at phone width (390 px:
funders read the reports on phones, where wide charts scroll), and saves a screenshot of each at both widths.

Usage: axe_check.py SITE_DIR SCREENSHOT_DIR PAGE [PAGE ...]   (PAGE relative to SITE_DIR)
Fails (exit 1) on any serious or critical violation.
"""
import json
import pathlib
import sys

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def browser() -> webdriver.Chrome:
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,2000", "--allow-file-access-from-files"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main() -> int:
    site, shots, pages = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2]), sys.argv[3:]
    shots.mkdir(parents=True, exist_ok=True)
    driver = browser()
    failures = 0
    try:
        for page in pages:
            url = (site / page).as_uri()
            name = page.replace("/", "_").replace(".html", "")
            for width, suffix in ((1280, ""), (390, "-phone")):
                driver.set_window_size(width, 2000)
                driver.get(url)
                axe = Axe(driver)
                axe.inject()
                results = axe.run()
                serious = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
                # A full-page screenshot: resize the window to the document height first.
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(width, min(max(height, 800), 16000))
                driver.save_screenshot(str(shots / f"{name}{suffix}.png"))
                print(f"axe: {page} at {width} px: {len(results['violations'])} violations, {len(serious)} serious or critical")
                # Nothing may make the whole page scroll sideways (a wide table or chart scrolls in its own box).
                overflow = driver.execute_script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if overflow > 0:
                    failures += 1
                    print(f"  the page is {overflow} px wider than the {width} px window: it scrolls sideways")
                for violation in serious:
                    failures += 1
                    targets = [node["target"] for node in violation["nodes"][:5]]
                    print(f"  {violation['impact']}: {violation['id']}: {violation['help']} at {json.dumps(targets)}")
    finally:
        driver.quit()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
