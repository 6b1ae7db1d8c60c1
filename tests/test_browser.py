"""A rendered report opened in headless Chromium: it loads, shows real figures, runs no planted script.

Notebook 01 runs on the fixture corpus (tests/data/report/corpus), which holds an
article whose title and text carry
``<script>document.title="PWNED"...</script>`` and an ``<img onerror=...>``
that would do the same; if either ran, the page's title would change.
The page is checked as written (with its Content-Security-Policy) and with
the policy removed, so escaping alone is shown to be enough.
"""

import base64
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from toolkit.report import run_reports

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "report"
NOTEBOOK = ROOT / "notebooks" / "01-corpus-overview.ipynb"

if CHROMIUM is None:
    pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)",
                allow_module_level=True)


def chromium(page: Path, profile: Path, *mode: str) -> str:
    """Run headless Chromium on *page* and return its stdout."""
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        f"--user-data-dir={profile}", "--virtual-time-budget=3000", "--window-size=1100,900",
        *mode, page.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    reports = run_reports([NOTEBOOK], parameters={"corpus_path": str(DATA / "corpus")},
                          out=folder / "reports", progress=False)
    page = Path(reports.loc[0, "html"])
    unprotected = page.with_name("no-csp.html")
    markup = page.read_text(encoding="utf-8")
    unprotected.write_text(re.sub(r'<meta[^>]*Content-Security-Policy[^>]*>', "", markup), encoding="utf-8")
    assert "Content-Security-Policy" not in unprotected.read_text(encoding="utf-8")
    return folder, page, unprotected


@pytest.fixture(scope="module")
def doms(report):
    folder, page, unprotected = report
    return {"as written": chromium(page, folder / "profile-1", "--dump-dom"),
            "without its security policy": chromium(unprotected, folder / "profile-2", "--dump-dom")}


@pytest.mark.parametrize("which", ["as written", "without its security policy"])
def test_page_loads_and_the_planted_script_does_not_run(doms, which):
    dom = doms[which]
    assert "<title>Corpus overview</title>" in dom  # the planted code would have set it to PWNED
    assert 'id="Corpus-overview">Corpus overview' in dom and "Parameters and run time" in dom
    assert "Protests spread over fuel prices &lt;script&gt;document.title=" in dom  # shown as text
    assert not re.search(r"<img[^>]*onerror", dom)
    assert "<script" not in dom


def test_figures_are_images_of_real_size(doms):
    images = re.findall(r'<img[^>]*src="data:image/png;base64,([^"]+)"', doms["as written"])
    assert images, "no embedded figure in the page"
    for data in images:
        head = base64.b64decode(data[:64])
        width, height = struct.unpack(">II", head[16:24])
        assert head[:8] == b"\x89PNG\r\n\x1a\n" and width >= 300 and height >= 150


def test_screenshot_is_not_blank(report):
    image = pytest.importorskip("PIL.Image")  # pillow comes with matplotlib
    folder, page, _ = report
    shot = folder / "shot.png"
    chromium(page, folder / "profile-shot", f"--screenshot={shot}")
    with image.open(shot) as picture:
        assert picture.size == (1100, 900)
        assert len(picture.convert("L").getcolors(maxcolors=1 << 16) or range(1 << 16)) > 20
