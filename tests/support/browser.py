"""Headless Chromium (Debian's) driven by Playwright, with the network cut off."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def require_browser():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (scripts/setup installs it)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")


class Page:
    """A page plus what it did: console errors, dialogs (alert), requests refused."""

    def __init__(self, page, errors, dialogs, refused):
        self.page, self.errors, self.dialogs, self.refused = page, errors, dialogs, refused


def open_page(pw, url: str, allow_prefix: str, viewport: dict | None = None):
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    context = browser.new_context(viewport=viewport or {"width": 1400, "height": 900})
    refused: list[str] = []

    def route(r):
        if r.request.url.startswith(allow_prefix):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    return browser, Page(page, errors, dialogs, refused)
