"""Click through the dashboard in Debian's headless Chromium: overview → dyad → event → article."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from webstore import ARTICLES, XSS, ingest_store, live_server

LONG_ID = next(a["id"] for a in ARTICLES if "/" in a["id"])

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[1] / "test-output" / "browser"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    with live_server(ingest_store(tmp_path_factory.mktemp("browser"))) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium, or make setup-test)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_overview_to_dyad_to_event_to_article(page, base_url):
    page.goto(base_url + "/")
    assert page.locator("#count-documents").inner_text() == str(len(ARTICLES))
    assert int(page.locator("#count-events").inner_text()) > 0
    assert page.locator("svg.timeline rect").count() > 0
    shot(page, "1-overview")

    dyad = page.locator("#top-dyads a.dyad").first
    dyad_label = dyad.inner_text()
    dyad.click()
    page.wait_for_url("**/dyads/**")
    assert page.locator("#dyad-title").inner_text() == dyad_label
    assert page.locator("svg.timeline").count() == 1
    rows = page.locator("table.events tbody tr")
    assert rows.count() > 0
    source, target = (part.strip() for part in dyad_label.split("→"))
    assert f"{source} → {target}" in rows.first.inner_text()
    shot(page, "2-dyad")

    event_link = page.locator("table.events a.event-link").first
    code = event_link.inner_text()
    event_link.click()
    page.wait_for_url("**/events/**")
    assert code in page.locator("h1").inner_text()
    record = page.locator("dl.record").inner_text()
    assert "rule" in record and "modality" in record and source in record
    trigger = page.locator("#event-sentence mark.trigger").inner_text()
    assert trigger
    shot(page, "3-event")

    page.locator("#article-link").click()
    page.wait_for_url("**/documents/**")
    doc_id = page.url.split("/documents/")[1].split("#")[0]
    article = next(a for a in ARTICLES if a["id"] == doc_id)
    assert page.locator("#doc-title").inner_text() == article["title"]
    assert page.locator("#doc-text").inner_text().strip() == article["text"]
    assert trigger in page.locator("#doc-text span.trigger").all_inner_texts()
    assert page.locator("#doc-text span.actor").count() > 0
    event_id = page.url.split("#event-")[1]
    assert page.locator(f"#event-{event_id}").is_visible()
    shot(page, "4-article")
    assert page.dialogs == []


def test_script_in_an_article_is_shown_as_text(page, base_url):
    page.goto(base_url + "/documents/xss-probe")
    page.wait_for_load_state("load")
    assert XSS in page.locator("#doc-text").inner_text()
    assert XSS in page.locator("#doc-title").inner_text()
    assert page.locator("#doc-text script").count() == 0
    shot(page, "5-xss-article")
    page.goto(base_url + "/events?doc_id=xss-probe")
    page.locator("table.events a.event-link").first.click()
    page.wait_for_url("**/events/**")
    assert XSS in page.locator("#article-link").inner_text()  # the article's title, as text
    shot(page, "6-xss-event")
    assert page.dialogs == []


def test_paste_a_text_and_see_its_records(page, base_url):
    page.goto(base_url + "/code")
    page.fill("textarea[name=text]", f"Egypt condemned Libya on Tuesday. {XSS}")
    page.click("form.code-form button")
    page.wait_for_selector("#coded-text")
    assert XSS in page.locator("#coded-text").inner_text()
    assert "EGY" in page.locator("table.events").inner_text()
    shot(page, "7-code")
    assert page.dialogs == []


PAGES = {  # name -> path (the event and article pages are found by following links)
    "overview": "/", "events": "/events", "dyads": "/dyads", "dyad-timeline": "/dyads/ISR/PSE?level=country&freq=day",
    "map": "/map", "alerts": "/alerts", "quotes": "/quotes", "code": "/code",
}


def page_width(page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def test_every_page_is_screenshotted_and_fits_the_window(page, base_url):
    widths = {}
    for name, path in PAGES.items():
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        if name == "code":
            page.fill("textarea[name=text]", "Egypt condemned Libya on Tuesday. Israeli troops attacked Gaza.")
            page.click("form.code-form button")
            page.wait_for_selector("#coded-text")
        shot(page, f"page-{name}")
        widths[name] = page_width(page)
    page.goto(base_url + "/events")
    page.locator("table.events a.event-link").first.click()
    page.wait_for_url("**/events/**")
    shot(page, "page-event")
    widths["event"] = page_width(page)
    page.goto(base_url + "/events?doc_id=" + quote(LONG_ID, safe=""))
    page.locator("table.events td.doc a").first.click()
    page.wait_for_url("**/documents/**")
    assert page.locator("#doc-title").inner_text() == "Talks resume in Cairo"  # an id with / and % works
    shot(page, "page-article")
    widths["article"] = page_width(page)
    too_wide = {name: w for name, w in widths.items() if w[0] > w[1]}
    assert not too_wide, f"pages wider than the 1,280 px window: {too_wide}"
    assert len(list(SHOTS.glob("page-*.png"))) >= 10
    assert page.dialogs == []


def test_map_points_link_to_their_events(page, base_url):
    page.goto(base_url + "/map")
    assert page.locator("svg.map g.land path").count() > 150
    points = page.locator("svg.map a.place")
    if points.count() == 0:
        pytest.skip("no located events in the test articles")
    points.first.click()
    page.wait_for_url("**/events?**at=**")
    assert page.locator("table.events tbody tr").count() > 0
