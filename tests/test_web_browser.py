"""The web page in a real browser: Debian's headless Chromium driven by Playwright, against
`searchkit serve` in a subprocess (the session's `web_site`). Without chromium these tests skip, except
under CI (env CI set), where a missing browser is a failure."""

from __future__ import annotations

import os
import re
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import SEED
from tests.web_support import SEED_ID, XSS_HEADLINE

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SEED_HEADLINE = "Pakistan, Russia to work for regional peace, stability"


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser tests (install chromium with apt-get)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    if not shutil.which(CHROMIUM):
        _unavailable(f"{CHROMIUM} not found (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, web_site):
    """A fresh tab; it fails the test on any script error, CSP violation or dialog."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=web_site.url)
    tab = context.new_page()
    tab.problems = []
    tab.on("dialog", lambda dialog: (tab.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    tab.on("pageerror", lambda error: tab.problems.append(f"script error: {error}"))
    tab.on("console", lambda message: message.type == "error" and tab.problems.append(message.text))
    yield tab
    problems = tab.problems
    context.close()
    assert problems == []


def _params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _total(page) -> int:
    return int(page.locator("#total").inner_text())


def test_typing_fatf_and_enter_shows_the_seed_first_highlighted(page, tmp_path):
    page.goto("/")
    page.keyboard.press("/")  # the shortcut focuses the search box
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("FATF")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?q=FATF$"))
    first = page.locator("li.hit").first
    assert first.locator("a.headline").inner_text() == SEED_HEADLINE
    assert first.locator("mark").all_inner_texts() == ["FATF"]
    assert first.locator("time.date").inner_text() == "2018-03-15"
    assert page.locator("li.hit").count() >= 2  # the seed outranks another article that names FATF
    page.screenshot(path=str(tmp_path / "search-page.png"), full_page=True)
    assert (tmp_path / "search-page.png").stat().st_size > 10_000


def test_clicking_the_official_lavrov_filters_the_results(page):
    page.goto("/?q=minister")
    before = _total(page)
    page.locator("li.hit a.official", has_text="Lavrov").first.click()
    page.wait_for_url(re.compile(r"official="))
    assert _params(page)["official"] == ["Sergei Lavrov"]
    assert 0 < _total(page) < before
    for hit in page.locator("li.hit").all():
        assert "Sergei Lavrov" in hit.locator(".meta").inner_text()
    chip = page.locator(".chip", has_text="official: Sergei Lavrov")
    chip.locator("a").click()  # removing the chip brings the whole result back
    page.wait_for_url(re.compile(r"\?q=minister$"))
    assert _total(page) == before


def test_facet_entries_add_filters_shown_as_removable_chips(page):
    page.goto("/?q=minister")
    before = _total(page)
    facets = page.locator("section.facet").evaluate_all("sections => sections.map(s => s.dataset.facet)")
    assert {"year", "month", "source", "official", "topic"} <= set(facets)
    page.locator("section.facet[data-facet=topic] a", has_text="grain").click()
    page.wait_for_url(re.compile(r"facet=topic%3Agrain"))
    assert _total(page) == 2
    assert page.locator(".chip").all_inner_texts() == ["topic: grain ×"]
    page.go_back()
    page.locator("section.facet[data-facet=official] a", has_text="Sergei Lavrov").click()
    page.wait_for_url(re.compile(r"official="))
    lavrov = _total(page)
    source = page.locator("section.facet[data-facet=source] a").first
    source_name = source.inner_text()
    source.click()
    page.wait_for_url(re.compile(r"source="))
    assert page.locator(".chip").all_inner_texts() == ["official: Sergei Lavrov ×", f"source: {source_name} ×"]
    assert _total(page) == lavrov  # all his articles are in the archive folder
    page.locator(".chip", has_text="official").locator("a").click()
    page.wait_for_url(re.compile(r"\?q=minister&source=[^&]+$"))
    assert lavrov < _total(page) < before


def test_dragging_the_histogram_narrows_the_dates_and_back_restores(page):
    page.goto("/?q=minister")
    before = _total(page)
    bars = page.locator("#histogram a.bar")
    assert bars.count() >= 3
    first, second = bars.nth(0).bounding_box(), bars.nth(1).bounding_box()
    start, end = bars.nth(0).get_attribute("data-start"), bars.nth(1).get_attribute("data-end")
    page.mouse.move(first["x"] + first["width"] / 2, first["y"] + first["height"] - 2)
    page.mouse.down()
    page.mouse.move(second["x"] + second["width"] / 2, second["y"] + second["height"] - 2, steps=5)
    page.mouse.up()
    page.wait_for_url(re.compile(r"from="))
    params = _params(page)
    assert params["from"] == [start] and params["to"] == [end]
    narrowed = _total(page)
    assert 0 < narrowed < before
    assert page.locator("input[name=from]").input_value() == params["from"][0]
    assert page.locator("input[name=to]").input_value() == params["to"][0]
    for day in page.locator("li.hit time.date").all_inner_texts():
        assert start <= day <= end

    page.go_back()
    page.wait_for_url(re.compile(r"\?q=minister$"))
    assert _total(page) == before


def test_clicking_one_bar_narrows_to_its_period(page):
    page.goto("/?q=minister")
    bar = page.locator("#histogram a.bar").last
    start, end = bar.get_attribute("data-start"), bar.get_attribute("data-end")
    bar.click()
    page.wait_for_url(re.compile(r"from="))
    assert _params(page)["from"] == [start] and _params(page)["to"] == [end]


def test_a_script_in_an_article_shows_as_text_and_never_runs(page):
    page.goto("/?q=xsscheck")
    headline = page.locator("li.hit a.headline").first
    assert headline.inner_text() == XSS_HEADLINE
    assert "onerror=" in page.locator("li.hit .snippet").first.inner_text()
    assert page.locator("script").count() == 1  # only the page's own script file
    headline.click()
    page.wait_for_url(re.compile(r"/article/"))
    assert page.locator("h1").inner_text() == XSS_HEADLINE
    assert page.locator("main img").count() == 0
    assert '<img src=x onerror="alert(2)">' in page.locator(".body").inner_text()
    # the page fixture fails the test if a dialog opened or the CSP blocked anything


def test_article_page_shows_paragraphs_dates_officials_and_more_like_this(page):
    page.goto(f"/article/{SEED_ID}")
    paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n")[3:] if p.strip()]
    shown = page.locator(".body p").all_inner_texts()
    assert len(shown) == len(paragraphs) >= 5
    assert shown[0].startswith("ISLAMABAD: In another high-level meeting")
    facts = page.locator("dl.facts").inner_text()
    assert "2018-03-15" in facts and "2022-12-05" in facts  # published, and the page date that differs
    assert "2018-03-14" in facts  # "on Wednesday", a mentioned date
    lavrov = page.locator(".officials a", has_text="Lavrov")
    assert "Foreign Minister" in page.locator(".officials li", has_text="Lavrov").inner_text()
    assert page.locator(".similar li").count() >= 1
    lavrov.click()
    page.wait_for_url(re.compile(r"official=Sergei\+Lavrov"))
    assert _total(page) >= 3


def test_officials_page_lists_who_is_who_with_links_to_their_articles(page):
    page.goto("/officials?q=talks")
    rows = page.locator("table.people tbody tr")
    names = rows.locator("td:first-child a").all_inner_texts()
    assert "Sergei Lavrov" in names
    rows.locator("a", has_text="Sergei Lavrov").click()
    page.wait_for_url(re.compile(r"/\?q=talks&official=Sergei\+Lavrov"))
    assert _total(page) >= 2


def test_results_are_reachable_with_tab(page):
    page.goto("/?q=FATF")
    reached = []
    for _ in range(30):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.className"))
        if reached[-1] == "headline":
            break
    assert "headline" in reached
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/article/"))


def test_sort_and_paging_live_in_the_url(page):
    page.goto("/?q=minister&limit=3")
    page.select_option("#sort", "oldest")  # changing the sort submits the form
    page.wait_for_url(re.compile(r"sort=oldest"))
    dates = page.locator("li.hit time.date").all_inner_texts()
    assert dates == sorted(dates)
    page.locator("a[rel=next]").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert page.locator("ol.hits").get_attribute("start") == "4"
    assert page.locator("li.hit time.date").first.inner_text() >= dates[-1]


def test_typed_dates_replace_a_period_from_a_facet(page):
    page.goto("/?q=minister")
    page.locator("section.facet[data-facet=year] a", has_text="2016").click()
    page.wait_for_url(re.compile(r"on=2016"))
    page.fill("input[name=from]", "2017-01-01")
    page.press("input[name=from]", "Enter")
    page.wait_for_url(re.compile(r"\?q=minister&from=2017-01-01$"))
    days = page.locator("li.hit time.date").all_inner_texts()
    assert days and min(days) >= "2017-01-01"
    assert page.locator(".chip").all_inner_texts() == ["from 2017-01-01 ×"]


def test_did_you_mean_is_a_link(page):
    page.goto("/?q=Lavrow")
    page.locator(".suggestion a").click()
    page.wait_for_url(re.compile(r"\?q=Lavrov$"))
    assert _total(page) > 0


def test_the_page_fits_a_phone(browser, web_site):
    context = browser.new_context(viewport={"width": 375, "height": 740}, base_url=web_site.url, is_mobile=True)
    tab = context.new_page()
    try:
        tab.goto("/?q=minister")
        assert tab.evaluate("document.documentElement.scrollWidth") <= 375
        results, facets = tab.locator("section.results").bounding_box(), tab.locator("aside.facets").bounding_box()
        assert facets["y"] >= results["y"] + results["height"] - 1  # facets move below the results
        assert tab.locator("#q").bounding_box()["width"] >= 150
    finally:
        context.close()


def test_a_bad_date_shows_one_line_and_the_form(page):
    response = page.goto("/?q=FATF&from=notadate")
    assert response.status == 400
    page.problems.remove("Failed to load resource: the server responded with a status of 400 (Bad Request)")
    assert page.locator(".error").count() == 1
    assert page.locator(".error").inner_text().startswith("--from: cannot read 'notadate' as a date")
    assert page.locator("#q").input_value() == "FATF"
