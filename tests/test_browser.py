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
NOTEBOOKS = [ROOT / "notebooks" / "01-corpus-overview.ipynb", ROOT / "notebooks" / "02-framing-keywords.ipynb"]

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
    """Notebooks 01 (titles) and 02 (keyword in context) rendered on the fixture corpus."""
    folder = tmp_path_factory.mktemp("browser")
    formats = ("pdf", "docx") if shutil.which("pandoc") else ("pdf",)
    reports = run_reports(NOTEBOOKS, parameters={"corpus_path": str(DATA / "corpus"),
                                                 "frames_path": str(DATA / "frames.yaml")},
                          out=folder / "reports", progress=False, formats=formats)
    pages = {}
    for row in reports.itertuples():
        page = Path(row.html)
        unprotected = page.with_name(page.stem + "-no-csp.html")
        markup = page.read_text(encoding="utf-8")
        unprotected.write_text(re.sub(r'<meta[^>]*Content-Security-Policy[^>]*>', "", markup), encoding="utf-8")
        assert "Content-Security-Policy" not in unprotected.read_text(encoding="utf-8")
        pages[row.title] = (page, unprotected)
    return folder, pages, reports


@pytest.fixture(scope="module")
def doms(report):
    folder, pages, _ = report
    return {
        (title, which): chromium(path, folder / f"profile-{i}", "--dump-dom")
        for i, (title, which, path) in enumerate(
            (title, which, path) for title, (page, bare) in pages.items()
            for which, path in (("as written", page), ("without its security policy", bare)))
    }


PLANTED = {
    "Corpus overview": "Protests spread over fuel prices &lt;script&gt;docu",  # a title (long tokens get <wbr>)
    "Framing keywords": 'terrorists</b></td><td class="post">&lt;img src=x onerror=',
}


@pytest.mark.parametrize("which", ["as written", "without its security policy"])
@pytest.mark.parametrize("title", list(PLANTED))
def test_page_loads_and_the_planted_script_does_not_run(doms, title, which):
    dom = doms[title, which]
    assert f"<title>{title}</title>" in dom  # the planted code would have set it to PWNED
    assert f'id="{title.replace(" ", "-")}">{title}' in dom and "Parameters and run time" in dom
    assert PLANTED[title] in dom  # shown as text
    assert not re.search(r"<img[^>]*onerror", dom)
    assert "<script" not in dom


@pytest.mark.parametrize("title", list(PLANTED))
def test_figures_are_images_of_real_size(doms, title):
    images = re.findall(r'<img[^>]*src="data:image/png;base64,([^"]+)"', doms[title, "as written"])
    assert images, "no embedded figure in the page"
    for data in images:
        head = base64.b64decode(data[:64])
        width, height = struct.unpack(">II", head[16:24])
        assert head[:8] == b"\x89PNG\r\n\x1a\n" and width >= 300 and height >= 150


def test_screenshot_is_not_blank(report):
    image = pytest.importorskip("PIL.Image")  # pillow comes with matplotlib
    folder, pages, _ = report
    page = pages["Framing keywords"][0]
    shot = folder / "shot.png"
    chromium(page, folder / "profile-shot", f"--screenshot={shot}")
    with image.open(shot) as picture:
        assert picture.size == (1100, 900)
        assert len(picture.convert("L").getcolors(maxcolors=1 << 16) or range(1 << 16)) > 20


# --------------------------------------------------------------------------- framing report --pdf / --docx

def table_headers(page: str) -> list[list[str]]:
    """The column headers of every table of a report, as text."""
    from html import unescape

    tables = re.findall(r"<table.*?</table>", page, flags=re.S)
    return [[unescape(re.sub(r"<[^>]+>", "", h)).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", t, flags=re.S)]
            for t in tables]


def squeeze(text: str) -> str:
    """Text without whitespace or soft hyphens: a header wrapped over lines in the PDF still matches."""
    return re.sub(r"[\s\u00ad]+", "", text)


def test_pdf_holds_every_column_of_every_table_and_no_browser_header_or_footer(report):
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed (Debian: apt-get install poppler-utils; .ci/run installs it)")
    _, _, reports = report
    for row in reports.itertuples():
        text = subprocess.run([pdftotext, str(row.pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        flat = squeeze(text)
        headers = [h for table in table_headers(Path(row.html).read_text(encoding="utf-8")) for h in table if h]
        assert len(headers) > 10, row.notebook
        missing = [h for h in headers if squeeze(h) not in flat]
        assert not missing, (row.notebook, missing)
        assert "file://" not in text and str(Path(row.html).parent) not in text  # no browser footer, no local path
        assert "Outlets compared" in text or "At a glance" in text


def test_word_file_has_real_tables_and_figures(report):
    if not shutil.which("pandoc"):
        pytest.skip("pandoc is not installed (Debian: apt-get install pandoc; .ci/run installs it)")
    docx = pytest.importorskip("docx")
    _, _, reports = report
    for row in reports.itertuples():
        page = Path(row.html).read_text(encoding="utf-8")
        document = docx.Document(str(row.docx))
        n_tables = len(re.findall(r"<table", page))
        assert len(document.tables) >= n_tables - 1, row.notebook  # the parameters table at least, and the rest
        assert len(document.inline_shapes) == len(re.findall(r'src="data:image/png;base64,', page)), row.notebook
        cells = {c.text.strip() for t in document.tables for r in t.rows for c in r.cells}
        assert "corpus sha256" in cells
        assert not [p.text for p in document.paragraphs if "¶" in p.text]  # no permalink marks
