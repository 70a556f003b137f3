"""The web page's HTTP side, through real HTTP to `searchkit serve` in a subprocess: the JSON API
matches the CLI's --json byte for byte, bad parameters give one-line errors (never a 500 or a
traceback), security headers, and an index that changes, disappears or breaks under a running server."""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.conftest import SEED_OFFICIALS, run_searchkit
from tests.web_support import SEED_ID, XSS_HEADLINE, Server, build_web_index

API_QUERIES = [
    [("q", "FATF")],
    [("q", "minister"), ("from", "2017-01-01"), ("to", "2019-12-31"), ("sort", "newest"), ("limit", "3"),
     ("page", "2")],
    [("q", "talks"), ("official", "Lavrov")],
    [("official", "Sergei Lavrov"), ("sort", "oldest")],
    [("q", "minister"), ("on", "2016")],
    [("q", "Lavrow")],  # a misspelling: the JSON carries the suggestion
    [("q", "minister"), ("source", "letters")],
    [("q", "minister"), ("facet", "topic:grain")],
]


def _cli_arguments(params: list[tuple[str, str]]) -> list[str]:
    """The `search` arguments for URL parameters: a facet filter is its qualifier in the query."""
    words = [value for name, value in params if name in ("q", "facet")]
    options = [arg for name, value in params if name not in ("q", "facet") for arg in (f"--{name}", value)]
    return [" ".join(words), *options]


@pytest.mark.parametrize("params", API_QUERIES, ids=lambda p: urlencode(p))
def test_api_search_returns_exactly_what_search_json_prints(web_site, params):
    reply = web_site.get("/api/search?" + urlencode(params))
    cli = run_searchkit("search", *_cli_arguments(params), "--json", "--index", str(web_site.index_dir))
    assert reply.status == 200
    assert reply.headers["content-type"].startswith("application/json")
    assert cli.returncode in (0, 1), cli.stderr
    assert reply.text == cli.stdout
    assert reply.json()["total"] >= 1 or reply.json()["suggestion"]


def test_api_article_returns_exactly_what_show_json_prints(web_site):
    reply = web_site.get(f"/api/article/{SEED_ID}")
    cli = run_searchkit("show", SEED_ID, "--json", "--index", str(web_site.index_dir))
    assert reply.status == 200 and cli.returncode == 0
    assert reply.text == cli.stdout
    assert reply.json()["published"] == "2018-03-15"


def test_api_officials_returns_exactly_what_officials_json_prints(web_site):
    reply = web_site.get("/api/officials?q=minister")
    cli = run_searchkit("officials", "minister", "--json", "--index", str(web_site.index_dir))
    assert reply.status == 200 and cli.returncode == 0
    assert reply.text == cli.stdout
    assert any(person["name"] == "Sergei Lavrov" for person in reply.json())


@pytest.mark.parametrize(("filters", "named"), [
    ([("on", "2016")], {"Sergei Lavrov"}),
    ([("to", "2017-12-31"), ("source", "archive")], {"Sergei Lavrov"}),
    ([("official", "Lavrov"), ("from", "2018")], SEED_OFFICIALS),
    ([("source", "letters")], set()),
], ids=lambda p: urlencode(p) if isinstance(p, list) else "")
def test_officials_page_keeps_the_searchs_filters(web_site, filters, named):
    """The Officials link carries the search's filters; the list is the officials of exactly those articles."""
    reply = web_site.get("/api/officials?" + urlencode(filters))
    cli = run_searchkit("officials", *_cli_arguments(filters)[1:], "--json", "--index", str(web_site.index_dir))
    assert reply.status == 200 and cli.returncode == (0 if named else 1), cli.stderr
    assert reply.text == cli.stdout
    assert {person["name"] for person in reply.json()} == named
    page = web_site.get("/officials?" + urlencode(filters))
    assert page.status == 200
    assert {name for name in SEED_OFFICIALS if f">{name}</a>" in page.text} == named
    assert named or "No officials named in the matching articles." in page.text


def _cli_error(*args: str) -> str:
    result = run_searchkit("search", *args, "--json")
    assert result.returncode == 2
    return result.stderr.strip().removeprefix("searchkit: error: ")


LONG_QUERY = "wheat " * 17_000  # 100 KB


@pytest.mark.parametrize(
    ("params", "cli_args"),
    [
        ([("q", "FATF"), ("from", "notadate")], ["FATF", "--from", "notadate"]),
        ([("q", "FATF"), ("to", "2018-02-30")], ["FATF", "--to", "2018-02-30"]),
        ([("q", "FATF"), ("from", "2019"), ("to", "2018")], ["FATF", "--from", "2019", "--to", "2018"]),
        ([("q", LONG_QUERY)], [LONG_QUERY]),
        ([("q", "nonsense:x")], ["nonsense:x"]),
        ([("q", "FATF"), ("facet", "nonsense:x")], ["FATF nonsense:x"]),
    ],
    ids=["from-notadate", "impossible-date", "from-after-to", "100KB-query", "unknown-field", "unknown-facet"],
)
def test_bad_parameters_give_400_with_the_clis_message(web_site, params, cli_args):
    message = _cli_error(*cli_args, "--index", str(web_site.index_dir))
    api = web_site.get("/api/search?" + urlencode(params))
    assert api.status == 400
    assert api.json() == {"error": message}
    page = web_site.get("/?" + urlencode(params))
    assert page.status == 400
    errors = re.findall(r'<p class="error" role="alert">(.*?)</p>', page.text, re.S)
    assert len(errors) == 1 and "\n" not in errors[0]
    assert "Traceback" not in page.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=FATF&page=-1", "limit and page must be 1 or more"),
        ("q=FATF&page=two", "page: expected a whole number, not 'two'"),
        ("q=FATF&limit=1000", "limit: at most 100 hits per page, not 1000"),
        ("q=FATF&sort=sideways", "sort must be one of relevance, newest, oldest, not 'sideways'"),
        ("q=FATF&colour=red", "unknown parameter 'colour'"),
        ("q=FATF&facet=topic", "facet: expected KEY:VALUE (for example topic:grain), not 'topic'"),
    ],
)
def test_parameters_the_cli_cannot_express_give_one_line_errors_too(web_site, query, message):
    api = web_site.get("/api/search?" + query)
    assert api.status == 400
    assert api.json()["error"].startswith(message)
    page = web_site.get("/?" + query)
    assert page.status == 400 and "Traceback" not in page.text
    assert message.replace("'", "&#39;") in page.text


def test_an_empty_search_is_the_front_page_but_a_400_from_the_api(web_site):
    assert web_site.get("/api/search?q=").json() == {"error": _cli_error("", "--index", str(web_site.index_dir))}
    page = web_site.get("/?q=&from=&to=")
    assert page.status == 200 and 'class="error"' not in page.text


def test_a_page_far_past_the_end_is_empty_not_an_error(web_site):
    reply = web_site.get("/api/search?q=minister&page=999999999")
    assert reply.status == 200
    assert reply.json()["hits"] == [] and reply.json()["total"] > 0


def test_unknown_article_and_unknown_path_are_404_pages(web_site):
    assert web_site.get("/api/article/no-such-id").json() == {
        "error": f"no article with id 'no-such-id' in {web_site.index_dir}"
    }
    for path in ("/article/no-such-id", "/no/such/page", "/api/nothing"):
        reply = web_site.get(path)
        assert reply.status == 404 and "Traceback" not in reply.text


def test_pages_carry_a_strict_content_security_policy_and_no_cors(web_site):
    for path in ("/", "/?q=FATF", f"/article/{SEED_ID}", "/api/search?q=FATF", "/officials", "/no/such/page",
                 "/static/searchkit.js"):
        reply = web_site.get(path, headers={"Origin": "http://evil.example"})
        policy = reply.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'none'" in policy
        assert "unsafe-inline" not in policy
        assert reply.headers["x-content-type-options"] == "nosniff"
        assert not any(name.lower().startswith("access-control-") for name in reply.headers)
    script = web_site.get("/static/searchkit.js")
    assert script.status == 200 and "javascript" in script.headers["content-type"]


def test_pages_have_no_inline_script_and_load_nothing_from_elsewhere(web_site):
    page = web_site.get("/?q=minister+xsscheck&limit=50").text
    assert "onerror=" in page  # the hostile article is on this page, as text
    assert re.findall(r"<script\b[^>]*>", page) == ['<script src="/static/searchkit.js" defer>']
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert not re.search(r"<[^>]*\son\w+=", page)  # no inline event handler in any tag


def test_article_text_is_escaped_in_html(web_site):
    page = web_site.get("/?q=xsscheck").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert XSS_HEADLINE not in page
    article_id = re.search(r'href="/article/([^"]+)"', page).group(1)
    article = web_site.get(f"/article/{article_id}").text
    assert "&lt;img src=x onerror=" in article and "<img" not in article


def test_only_web_addresses_become_links(web_site):
    wire = web_site.get("/article/wires:wire-1").text
    assert '<a href="https://example.org/wire-1"' in wire
    hostile = web_site.get("/article/wires:wire-2").text
    assert "javascript:alert(3)" in hostile and 'href="javascript:' not in hostile


def test_another_host_name_is_refused_on_loopback(web_site):
    """A web page elsewhere cannot point its own domain at 127.0.0.1 and read the archive (DNS rebinding)."""
    assert web_site.get("/api/search?q=FATF", headers={"Host": "evil.example"}).status == 400
    assert web_site.get("/api/search?q=FATF", headers={"Host": "localhost"}).status == 200


def test_only_get_is_answered(web_site):
    import urllib.request

    request = urllib.request.Request(web_site.url + "/api/search?q=FATF", data=b"x", method="POST")
    try:
        urllib.request.urlopen(request, timeout=30)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    assert status == 405


def _snapshot(index_dir: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(index_dir)): (p.stat().st_mtime_ns, p.stat().st_size)
            for p in sorted(index_dir.rglob("*"))}


def test_serving_never_writes_to_the_index(web_site):
    before = _snapshot(web_site.index_dir)
    for path in ("/?q=minister", "/?q=FATF&official=Lavrov", f"/article/{SEED_ID}", "/officials?q=talks",
                 "/api/search?q=ministr", "/?q=x&from=bad"):
        web_site.get(path)
    assert _snapshot(web_site.index_dir) == before


@pytest.fixture(scope="module")
def changing_site(tmp_path_factory):
    """A second server, over an index these tests change, remove and damage."""
    root = tmp_path_factory.mktemp("web-changing")
    with Server(build_web_index(root)) as server:
        server.corpus = root / "archive"
        yield server


def test_new_articles_and_rebuilds_show_without_a_restart(changing_site):
    index_dir, corpus = changing_site.index_dir, changing_site.corpus
    assert changing_site.get("/api/search?q=zeppelin").json()["total"] == 0
    (corpus / "zeppelin.txt").write_text("Zeppelin lands in Karachi\n\nMay 1, 2019\n\nA zeppelin landed.\n")
    assert run_searchkit("index", "--index", str(index_dir), "-q").returncode == 0
    assert changing_site.get("/api/search?q=zeppelin").json()["total"] == 1
    assert run_searchkit("index", "--rebuild", "--index", str(index_dir), "-q").returncode == 0
    reply = changing_site.get("/?q=zeppelin")
    assert reply.status == 200 and "Zeppelin lands in Karachi" in reply.text


def test_searches_keep_answering_while_a_rebuild_swaps_the_index(changing_site):
    import subprocess
    import sys

    rebuild = subprocess.Popen([sys.executable, "-m", "searchkit", "index", "--rebuild", "--index",
                                str(changing_site.index_dir), "-q"], stderr=subprocess.PIPE, text=True)
    replies = []
    while rebuild.poll() is None or len(replies) < 5:
        replies.append(changing_site.get("/api/search?q=FATF"))
    assert rebuild.wait() == 0, rebuild.stderr.read()
    rebuild.stderr.close()
    assert {reply.status for reply in replies} == {200}
    assert {reply.json()["hits"][0]["id"] for reply in replies} == {SEED_ID}


def test_missing_or_damaged_index_gives_a_page_saying_how_to_fix_it(changing_site):
    index_dir = changing_site.index_dir
    moved = index_dir.with_name("index-away")
    index_dir.rename(moved)
    try:
        for path in ("/", "/?q=FATF", f"/article/{SEED_ID}", "/officials"):
            page = changing_site.get(path)
            assert page.status == 503, path
            assert "no index here" in page.text and "searchkit index" in page.text
        api = changing_site.get("/api/search?q=FATF")
        assert api.status == 503 and "no index here" in api.json()["error"]
    finally:
        moved.rename(index_dir)
    assert changing_site.get("/api/search?q=FATF").status == 200

    (index_dir / "CURRENT").write_text("garbage\n")
    page = changing_site.get("/?q=FATF")
    assert page.status == 503 and "--rebuild" in page.text and "Traceback" not in page.text
    assert run_searchkit("index", "--rebuild", "--index", str(index_dir), "-q").returncode == 0
    assert changing_site.get("/api/search?q=FATF").json()["hits"][0]["id"] == SEED_ID


def test_serve_warns_when_the_archive_is_visible_to_the_network(web_site):
    with Server(web_site.index_dir, "--host", "0.0.0.0") as server:
        assert server.url.startswith("http://0.0.0.0:")
        assert server.get("/api/search?q=FATF").status == 200
        assert server.stop() == 0  # Ctrl-C stops it cleanly
    stderr = server.stderr
    assert "searchkit: warning: --host 0.0.0.0 makes the archive visible to the network" in stderr
    assert "Traceback" not in stderr


def test_open_starts_a_browser_on_the_page(web_site, tmp_path):
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n')
    browser.chmod(0o755)
    with Server(web_site.index_dir, "--open", env={"BROWSER": str(browser)}) as server:
        for _ in range(100):
            if opened.exists() and opened.read_text():
                break
            time.sleep(0.1)
        assert opened.read_text().strip() == server.url + "/"


def test_serve_reports_a_port_in_use_in_one_line(web_site):
    port = web_site.url.rsplit(":", 1)[1]
    result = run_searchkit("serve", "--index", str(web_site.index_dir), "--port", port, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith(f"searchkit: error: --host 127.0.0.1 --port {port}: cannot listen there")
    assert len(result.stderr.strip().splitlines()) == 1
