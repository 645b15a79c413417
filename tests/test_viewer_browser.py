"""The viewer in a real browser: headless Debian Chromium driven by playwright.

Needs /usr/bin/chromium and the Python ``playwright`` package (run
``scripts/install_browser.sh``). Playwright is pointed at Debian's chromium and
never downloads a browser. Without them these tests fail, unless
``KG_SKIP_BROWSER=1`` is set. ``KG_CHROMIUM`` overrides the browser path.

The page is opened from a ``file://`` URL; every request is recorded (and any
that is not file:// or data: is aborted), so the page must work offline.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import rdflib

from kg.viewer import write_viewer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "viewer"
ARTIFACTS = Path(__file__).parent / "artifacts"
ID = "https://w3id.org/ankg/id/"
CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
INSTALL = "run scripts/install_browser.sh (installs Debian chromium and the playwright package), " \
          "or set KG_SKIP_BROWSER=1 to skip the browser tests"

# Counted by hand from tests/data/viewer/*.trig.
ALL_NODES = 17
ALL_EDGES = 16
DEMO_B_NODES = sorted(ID + n for n in (
    "actor/falcons", "actor/north-syria", "actor/turkey", "actor/united-nations",
    "article/demo-b/event/0", "article/demo-b/event/1", "article/demo-b/event/2",
    "article/demo-b/force/0"))


def _sync_playwright():
    if os.environ.get("KG_SKIP_BROWSER") == "1":
        pytest.skip("KG_SKIP_BROWSER=1")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: {INSTALL}", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"the playwright package is not installed: {INSTALL}", pytrace=False)
    return sync_playwright


def wait_until(page, expression: str, *, seconds: float) -> None:
    """Poll ``expression`` with page.evaluate: page.wait_for_function compiles
    its predicate with eval, which the page's Content-Security-Policy forbids."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(f"!!({expression})"):
        if time.monotonic() > deadline:
            pytest.fail(f"the viewer did not get to {expression!r} within {seconds} s", pytrace=False)
        page.wait_for_timeout(100)


class Session:
    """One browser page on the viewer, with everything it did recorded."""

    def __init__(self, page, requests, dialogs, errors):
        self.page = page
        self.requests = requests
        self.dialogs = dialogs
        self.errors = errors

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def reset(self) -> None:
        self.page.select_option("#kg-article", "")
        for box in self.page.query_selector_all("#kg-legend-list input[type=checkbox]"):
            if not box.is_checked():
                box.check()
        self.page.fill("#kg-search", "")
        self.js("window.kgViewer.network.unselectAll()")


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    sync_playwright = _sync_playwright()
    work = tmp_path_factory.mktemp("viewer")
    dataset = rdflib.Dataset()
    for name in ("demo", "xss"):
        dataset.parse(DATA / f"{name}.trig", format="trig")
    html = write_viewer(dataset, work / "viewer.html", title="kg viewer test")

    requests: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(work / "profile"),  # a new, empty user-data-dir
            executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1400, "height": 900},
        )
        try:
            def on_route(route):
                requests.append(route.request.url)
                if route.request.url.startswith(("file:", "data:")):
                    route.continue_()
                else:
                    route.abort()

            context.route("**/*", on_route)
            context.on("request", lambda request: requests.append(request.url))
            page = context.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.goto(html.as_uri())
            wait_until(page, "window.kgViewer && window.kgViewer.state.drawn"
                             " && window.kgViewer.state.stabilized", seconds=60)
            yield Session(page, requests, dialogs, errors)
        finally:
            context.close()


def test_viewer_browser_renders_every_node(session):
    assert session.js("window.kgViewer.nodeView.length") == ALL_NODES
    assert session.js("window.kgViewer.edgeView.length") == ALL_EDGES
    # vis-network's own count of the nodes it laid out on the canvas.
    assert session.js("Object.keys(window.kgViewer.network.getPositions()).length") == ALL_NODES
    assert session.js("(() => { const c = document.querySelector('#kg-network canvas');"
                      " return !!c && c.width > 0 && c.height > 0; })()")
    assert session.js("document.querySelectorAll('#kg-legend-list li').length") == 7
    assert session.errors == []


def test_viewer_browser_screenshot(session):
    session.reset()
    session.js("window.kgViewer.network.fit({animation: false})")
    session.page.wait_for_timeout(200)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "viewer.png"
    session.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def test_viewer_browser_xss_article_does_nothing(session):
    session.reset()
    # Hover the hostile nodes so their tooltips are shown.
    for node in ("article/xss-1/event/0", "actor/xss-speaker"):
        point = session.js(
            f"(() => {{ const n = window.kgViewer.network; const id = {ID + node!r};"
            " n.focus(id, {scale: 1.5, animation: false});"
            " const p = n.canvasToDOM(n.getPosition(id));"
            " const r = document.querySelector('#kg-network canvas').getBoundingClientRect();"
            " return [r.left + p.x, r.top + p.y]; })()")
        session.page.mouse.move(point[0] + 40, point[1] + 40)
        session.page.mouse.move(point[0], point[1])
        session.page.wait_for_timeout(600)
        tooltip = session.js("document.querySelector('div.vis-tooltip').innerText")
        assert ("<img src=x" in tooltip) if node.endswith("event/0") else ("<b onmouseover" in tooltip)
    assert session.js("typeof window.__xss") == "undefined"
    assert session.dialogs == []
    assert session.js("document.querySelectorAll('img, svg, b, [onerror], [onload], [onmouseover]').length") == 0
    # The tooltip holds our line <div>s and nothing else.
    assert session.js("document.querySelectorAll('div.vis-tooltip *:not(div)').length") == 0
    # The hostile article title is in the article menu as text.
    assert "<script>window.__xss" in session.js(
        "document.querySelector('#kg-article option[value=\"xss-1\"]').textContent")


def test_viewer_browser_no_request_leaves_the_machine(session):
    assert session.requests, "no request recorded at all: the recorder is broken"
    assert [url for url in session.requests if not url.startswith(("file:", "data:"))] == []


def test_viewer_browser_article_filter(session):
    session.reset()
    session.page.select_option("#kg-article", "demo-b")
    assert session.js("window.kgViewer.visibleNodeIds()") == DEMO_B_NODES
    # demo-b: agent, destination, force, participant x2, speaker, topic, forceOf, location.
    assert session.js("window.kgViewer.edgeView.length") == 9


def test_viewer_browser_class_filter(session):
    session.reset()
    session.page.uncheck("#kg-class-Event")
    visible = session.js("window.kgViewer.visibleNodeIds()")
    assert len(visible) == ALL_NODES - 6 and not any("/event/" in node for node in visible)
    # Left: ledBy, forceOf and the force's location.
    assert session.js("window.kgViewer.edgeView.length") == 3


@pytest.mark.parametrize(("query", "expected"), [
    ("تُركِيا", "actor/turkey"),          # diacritics are ignored
    ("تركيه", "actor/turkey"),            # alternative label
    ("الامم المتحده", "actor/united-nations"),  # no hamza, ه for ة
    ("United Nations", "actor/united-nations"),
    ("baghdad", "actor/baghdad"),
])
def test_viewer_browser_search_focuses_node(session, query, expected):
    session.reset()
    session.page.fill("#kg-search", query)
    session.page.press("#kg-search", "Enter")
    assert session.js("window.kgViewer.network.getSelectedNodes()") == [ID + expected]
    assert session.page.text_content("#kg-status").startswith("found:")


def test_viewer_browser_search_reports_no_match(session):
    session.reset()
    session.page.fill("#kg-search", "لا يوجد")
    session.page.press("#kg-search", "Enter")
    assert session.js("window.kgViewer.network.getSelectedNodes()") == []
    assert "no match" in session.page.text_content("#kg-status")
