"""Screenshot pages of a running portal at desktop and phone widths.

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 /tmp/shots /en/ /es/faq/ ...

Writes one PNG a page and width, named after the path, for a person to look at.
"""

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTHS = {"desktop": (1280, 900), "phone": (375, 800)}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def main(base: str, out: str, paths: list[str]) -> None:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for label, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in paths:
                page.goto(base.rstrip("/") + path)
                name = re.sub(r"[^a-z0-9]+", "_", path.lower()).strip("_") or "root"
                target = folder / f"{name}.{label}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
