"""Notebook 05 in a real JupyterLab, driven by headless Chromium: click a KWIC line, read the highlighted hit.

JupyterLab starts from this Python on a free port (no token, its settings and
workspaces in a temporary folder); Playwright for Python drives Debian's
``chromium`` through ``executable_path`` (no browser is downloaded). The test
runs every cell of a copy of notebook 05 (parameters pointing at the bundled
sample), clicks the first KWIC line of the explorer and checks that the article
view shows that hit in a ``<mark>`` with its frame, voice and speaker on hover.
It skips when Chromium or Playwright is absent.

``FRAMING_SCREENSHOT=docs/explore.png pytest tests/test_lab.py`` also saves a
screenshot of the explorer (the one in the README).
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python package) is not installed")

BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--disable-extensions"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def notebook_copy(folder: Path) -> Path:
    """Notebook 05 with its path parameters made absolute (the copy runs outside notebooks/)."""
    nb = nbformat.read(ROOT / "notebooks" / "05-explore.ipynb", as_version=4)
    values = {"corpus_path": ROOT / "data" / "raw", "frames_path": ROOT / "data" / "frames" / "kazakhstan-2022.yaml",
              "output_dir": folder / "out"}
    source = nb.cells[1].source
    for name, value in values.items():
        source, n = re.subn(rf'^({name}: str = )"[^"]*"', lambda m: m.group(1) + json.dumps(str(value)), source, flags=re.M)
        assert n == 1, name
    nb.cells[1].source = source
    path = folder / "05-explore.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lab")
    notebook_copy(folder)
    settings = folder / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "FRAMING_STATIC_REPORT"}
    env.update(PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
               JUPYTER_RUNTIME_DIR=str(folder / "runtime"), JUPYTER_CONFIG_DIR=str(folder / "config"))
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}", "--ip=127.0.0.1",
               "--ServerApp.token=", "--ServerApp.password=", f"--ServerApp.root_dir={folder}",
               f"--LabApp.user_settings_dir={folder / 'settings'}", f"--LabApp.workspaces_dir={folder / 'workspaces'}"]
    log = open(folder / "lab.log", "wb")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=folder)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            if server.poll() is not None:
                pytest.fail(f"JupyterLab exited: {(folder / 'lab.log').read_text()[-2000:]}")
            try:
                urllib.request.urlopen(url + "/api/status", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not answer within 60 s")
        yield url, folder
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def test_click_a_kwic_line_and_read_the_highlighted_hit(lab):
    url, folder = lab
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1600})
            page.goto(f"{url}/lab/tree/05-explore.ipynb", timeout=120_000)
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
            page.locator(".jp-StatusBar-Widget", has_text=re.compile(r"\|\s*Idle")).first.wait_for(timeout=120_000)
            page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
            page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
            select = page.locator(".toolkit-explore-lines select")
            try:
                select.wait_for(timeout=180_000)
            except sync_api.TimeoutError:
                page.screenshot(path=str(folder / "failure.png"), full_page=True)
                raise AssertionError(f"no explorer after Run All Cells; see {folder / 'failure.png'}") from None
            select.scroll_into_view_if_needed()
            lines = select.locator("option")
            assert lines.count() == 21  # the bundled sample: 21 hits, one page
            first = lines.first.inner_text()
            keyword = re.search(r"\[(.+?)\]", first.replace("\u00a0", " ")).group(1)
            lines.first.click()  # a click on a line of the list box
            focus = page.locator(".toolkit-explore-article mark#focus")
            focus.wait_for(timeout=60_000)
            assert focus.inner_text() == keyword
            hover = focus.get_attribute("title")
            assert re.search(r"voice: (quoted|attributed|outlet)", hover) and "speaker: " in hover
            assert page.locator(".toolkit-explore-article mark.toolkit-hit").count() >= 21
            assert "Roundup: Chinese, Russian FMs" in page.locator(".toolkit-explore-article h4").inner_text()
            shot = os.environ.get("FRAMING_SCREENSHOT")
            if shot:  # the explorer's top at the top of the window, cut at the status bar
                widget = page.locator(".toolkit-explore")
                widget.evaluate("element => element.scrollIntoView({block: 'start'})")
                page.wait_for_timeout(500)
                box, bar = widget.bounding_box(), page.locator("#jp-main-statusbar").bounding_box()
                top = max(box["y"], 0)
                page.screenshot(path=str(ROOT / shot), clip={"x": box["x"], "y": top, "width": box["width"],
                                                             "height": min(box["height"], bar["y"] - top, 1150)})
        finally:
            browser.close()
