"""End to end in headless Chromium (Debian's, driven by Playwright): the real server with
the real models on a port of 127.0.0.1.

One server for the module: the example corpus is ingested through a job (9 articles),
then the seed article (or a bundled example where ../shared is absent) is pasted. The
tests take screenshots into ``UNSPIN_SCREENSHOTS`` (default: a temporary folder) for a
person to look at. Skipped, with the reason, where Chromium or Playwright is missing.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from unspin.config import make_options
from unspin.web import ServeSettings, create_app

from ..conftest import EXAMPLES, ROOT, SHARED

pytestmark = pytest.mark.slow
playwright_api = pytest.importorskip("playwright.sync_api", reason="needs Playwright for "
                                     "Python (pip install playwright; no browser download)")
CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"needs Debian's Chromium at {CHROMIUM} (`make install` installs it as root)",
                allow_module_level=True)
# As root, Chromium's sandbox cannot start; the others keep it off the network.
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-dev-shm-usage"]
WAIT = 240_000  # ms: an article takes seconds, far more on a loaded machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    settings = ServeSettings(db=tmp_path_factory.mktemp("serve") / "e2e.duckdb",
                             options=make_options(workers=1), ingest_root=EXAMPLES)
    port = _free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                            log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while not running.started:  # the models load and warm before it listens
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.5)
    job = httpx.post(f"{base}/api/v1/jobs", json={"inputs": ["."]}).json()
    while job["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, f"the example corpus was not stored: {job}"
        time.sleep(1)
        job = httpx.get(f"{base}/api/v1/jobs/{job['id']}").json()
    assert (job["state"], job["stored"]) == ("done", 9), job
    yield base
    running.should_exit = True
    thread.join(30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    opened.set_default_timeout(30_000)
    opened.problems = []
    opened.on("pageerror", lambda error: opened.problems.append(str(error)))
    opened.on("dialog", lambda dialog: (opened.problems.append(f"dialog: {dialog.message}"),
                                        dialog.dismiss()))
    yield opened
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("UNSPIN_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _seed_text() -> str:
    seed = SHARED / "seed" / "desertions-article.txt"
    example = ROOT / "examples" / "opinion-grain-corridor.txt"
    return (seed if seed.is_file() else example).read_text(encoding="utf-8")


def _paste(page: Any, base: str, text: str, title: str = "",
           techniques: str = "precision") -> str:
    page.goto(f"{base}/")
    assert page.locator("#techniques").input_value() == "precision"  # the default
    page.fill("#text", text)
    if title:
        page.fill("#title", title)
    page.select_option("#techniques", techniques)
    page.click("#analyse-button", no_wait_after=True)
    page.wait_for_url(f"{base}/articles/*", timeout=WAIT)
    return str(page.url)


@pytest.fixture(scope="module")
def seed_url(server: str, browser: Any) -> str:
    context = browser.new_context()
    try:
        # Every span at the balanced thresholds: the precision default shows one or two.
        return _paste(context.new_page(), server, _seed_text(), techniques="recall")
    finally:
        context.close()


def test_browser_seed_article_shows_highlights_and_the_claims_panel(
        page: Any, seed_url: str, shots: Path) -> None:
    page.goto(seed_url)
    text = page.locator("#article-text")
    for css in ("tech", "claim", "q-speaker", "q-content", "src-vague", "removed"):
        assert text.locator(f".hl.{css}").count() > 0, css
    claims = page.locator("#panel-claims li.finding")
    assert claims.count() >= 5
    assert "21,000" in page.locator("#panel-claims").inner_text()
    assert page.locator("#panel-techniques .legend li").count() >= 2
    removed = text.locator(".hl.removed").first
    assert "line-through" in removed.evaluate("el => getComputedStyle(el).textDecorationLine")
    page.screenshot(path=str(shots / "article.png"))
    text.locator(".hl.tech").first.hover()
    tip = page.locator("#tip")
    assert tip.is_visible() and "technique:" in tip.inner_text()
    page.screenshot(path=str(shots / "article-hover.png"))
    assert page.problems == []


def test_browser_keyboard_alone_reaches_and_explains_highlights(
        page: Any, seed_url: str, shots: Path) -> None:
    page.goto(seed_url)
    for _ in range(60):  # the header's links and the layer switches come first
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('hl')"):
            break
    else:
        pytest.fail("Tab never reached a highlight")
    tip = page.locator("#tip")
    assert tip.is_visible() and tip.inner_text().strip()
    first = page.evaluate("document.activeElement.dataset.s")
    described = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert described == "tip"
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.dataset.s") != first and tip.is_visible()
    page.keyboard.press("p")
    assert page.evaluate("document.activeElement.dataset.s") == first
    page.screenshot(path=str(shots / "keyboard-focus.png"))
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    page.keyboard.press("Enter")  # opens the finding in its side panel
    assert page.evaluate("document.activeElement.closest('li.finding') !== null")


def test_browser_a_finding_marked_wrong_stays_marked_after_reload(
        page: Any, seed_url: str, shots: Path) -> None:
    page.goto(seed_url)
    item = page.locator("#panel-claims li.finding").first
    claim_id = item.get_attribute("id").removeprefix("item-")
    item.locator("details.fix summary").click()
    item.locator("textarea[name=reason]").fill("The figure is attributed, not asserted.")
    item.locator("input[name=author]").fill("Test Checker")
    item.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.reload()
    item = page.locator(f"#item-{claim_id}")
    assert "is-wrong" in item.get_attribute("class")
    assert "Marked wrong by Test Checker" in item.inner_text()
    assert "attributed, not asserted" in page.locator("#corrections").inner_text()
    page.screenshot(path=str(shots / "corrected.png"))
    assert page.problems == []


def test_browser_ledger_and_profile_charts(page: Any, server: str, shots: Path) -> None:
    page.goto(f"{server}/ledger?about=trains")
    groups = page.locator(".group")
    # Each group says what was made of it (these three outlets state no period).
    assert groups.count() >= 1
    assert re.search(r"consistent|conflict|not compared", page.locator("main").inner_text())
    page.screenshot(path=str(shots / "ledger.png"), full_page=True)
    page.goto(f"{server}/profiles")
    page.wait_for_selector("#chart-rates[data-drawn]", timeout=60_000)
    page.wait_for_selector("#chart-trend[data-drawn]", timeout=60_000)
    assert page.locator("#chart-rates svg.main-svg").count() > 0
    assert page.locator("#chart-rates .bars path").count() > 0
    page.screenshot(path=str(shots / "profiles.png"), full_page=True)
    page.goto(f"{server}/profiles?outlet=Valley%20Gazette")
    page.wait_for_selector("#chart-trend[data-drawn]", timeout=60_000)
    assert page.problems == []


def test_browser_a_stored_example_shows_its_findings(page: Any, server: str,
                                                    shots: Path) -> None:
    found = httpx.get(f"{server}/api/v1/articles", params={"site": "Valley Gazette"}).json()
    assert found["total"] == 1, found
    article_id = found["items"][0]["id"]
    page.goto(f"{server}/articles/{article_id}")
    text = page.locator("#article-text")
    for css in ("claim", "number", "src-named"):
        assert text.locator(f".hl.{css}").count() > 0, css
    # Stored at the precision default: as many technique highlights as spans, maybe none.
    stored = httpx.get(f"{server}/api/v1/articles/{article_id}/analysis").json()
    assert text.locator(".hl.tech").count() == len(stored["techniques"])
    text.locator(".hl.claim").first.hover()
    assert "check-worthy claim" in page.locator("#tip").inner_text()
    # A quote whose speaker's one word is resolved to a name ("the union" said → ...).
    for quote in text.locator(".hl.quote").all():
        quote.hover()
        if re.search(r"speaker: “[^”\s]+” →", page.locator("#tip").inner_text()):
            break
    else:
        pytest.fail("no quote's speaker was shown resolved to a name")
    if stored["techniques"]:
        text.locator(".hl.tech").first.hover()
        assert "technique: " in page.locator("#tip").inner_text()
    box = page.locator(".layout").bounding_box()
    # The one in README and docs: the text and panels, without the server's file path.
    page.screenshot(path=str(shots / "example-article.png"),
                    clip={"x": 0, "y": box["y"] - 8, "width": 1400, "height": 820})
    assert page.problems == []


HOSTILE = ("Council report <script>window.__pwned = 'script'</script> on the budget\n\n"
           "<img src=x onerror=\"window.__pwned = 'img'\"> The council said spending rose "
           "by 12 percent. <a href=\"javascript:window.__pwned='link'\">read more</a> "
           "<svg onload=\"window.__pwned='svg'\"></svg> <iframe src=\"javascript:1\"></iframe>"
           "\n\nTerminal: \x1b[2J\x1b[31mred alert\x1b[0m \x1b]8;;http://evil.example\x07x"
           "\x1b]8;;\x07 and \u202egnp.exe\u202c.\n")
HOSTILE_PAGE = (
    "<html><head><title>Budget <script>window.__pwned='title'</script></title>"
    "<script>window.__pwned = 'head'</script></head><body onload=\"window.__pwned='body'\">"
    "<article><h1>Budget rises</h1><p>The council said spending rose by 12 percent this "
    "year, according to the treasurer, who called it a careful plan for the town and its "
    "schools. <img src=x onerror=\"window.__pwned='img'\"></p><p>Critics said the plan "
    "was reckless <a href=\"javascript:window.__pwned='a'\">here</a> and that the town "
    "would regret it.</p><script>window.__pwned='body-script'</script></article>"
    "</body></html>")


def test_browser_hostile_articles_run_nothing(page: Any, server: str, shots: Path,
                                             tmp_path: Path) -> None:
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text
            else None)
    url = _paste(page, server, HOSTILE)
    text = page.locator("#article-text")
    assert "<script>window.__pwned" in text.inner_text()  # shown as text
    assert "\u241b[31mred alert" in text.inner_text()  # the escape made visible
    assert text.locator("script, img, a, svg, iframe").count() == 0
    for piece in text.locator(".hl").all()[:50]:
        piece.hover()
    text.locator(".hl").first.focus()
    assert page.evaluate("window.__pwned") is None
    page.screenshot(path=str(shots / "hostile-text.png"))

    upload = tmp_path / "budget.html"
    upload.write_text(HOSTILE_PAGE, encoding="utf-8")
    page.goto(f"{server}/")
    page.set_input_files("#file", str(upload))
    page.click("#analyse-button", no_wait_after=True)
    page.wait_for_url(f"{server}/articles/*", timeout=WAIT)
    assert page.url != url and "12 percent" in page.locator("#article-text").inner_text()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("main script, main img, main iframe").count() == 0
    response = httpx.get(page.url)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert page.problems == [] and violations == []
