"""Support for the web page tests: a small corpus written by the tests, and `searchkit serve` run in a
real subprocess on a free loopback port."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import SEED, run_searchkit, write_seed_article

SEED_ID = SEED.stem
XSS_HEADLINE = "<script>alert(1)</script> Budget row"
XSS_BODY = 'xsscheck: the finance committee met. <img src=x onerror="alert(2)"> was typed into the minutes.'
# (name, headline, published, body): every article names "minister"; Lavrov appears in three of them,
# across four years, so the histogram has several bars and the Lavrov filter a visible effect.
ARTICLES = [
    ("lavrov-2016", "Lavrov visits Islamabad for talks", "June 2, 2016",
     "Russian Foreign Minister Sergei Lavrov held talks on trade and security in Islamabad."),
    ("lavrov-2017", "Moscow talks on Afghanistan", "October 11, 2017",
     "Foreign Minister Sergei Lavrov hosted regional envoys for talks on Afghanistan."),
    ("budget-2016", "Finance minister presents budget", "June 10, 2016",
     "The finance minister presented the budget to parliament, promising lower taxes on exports."),
    ("energy-2017", "Energy minister opens plant", "April 4, 2017",
     "The energy minister opened a new power plant near Karachi on Tuesday."),
    ("water-2019", "Water minister warns of shortage", "January 20, 2019",
     "The water minister warned of a shortage of irrigation water this winter."),
    ("trade-2019", "Trade minister signs accord", "May 5, 2019",
     "The trade minister signed an accord on textile exports with a visiting delegation."),
    ("grey-list-2019", "Minister briefs on review", "February 22, 2019",
     "The finance minister said the country had submitted its report. " + "The committee discussed tariffs, "
     "budgets, schools, roads, hospitals and the harvest at length. " * 60 + "A FATF review is due."),
    ("xss", XSS_HEADLINE, "March 1, 2018", XSS_BODY + "\n\nThe minister was not present."),
]


# Wire stories in JSON Lines carry tags, so the index has a topic facet.
WIRES = [
    {"id": "wire-1", "headline": "Grain minister raises support price", "published": "2019-07-02",
     "body": "The food minister raised the support price for wheat.", "tags": "grain, wheat",
     "url": "https://example.org/wire-1"},
    {"id": "wire-2", "headline": "Rice harvest forecast cut", "published": "2019-07-09",
     "body": "The agriculture minister cut the forecast for the rice harvest.", "tags": "grain",
     "url": "javascript:alert(3)"},
]


def build_web_index(root: Path) -> Path:
    """The seed and ARTICLES in root/archive; the XSS article and WIRES in root/letters (a second source, so
    the source facet has two values); indexed by the real CLI into root/index."""
    archive, letters = root / "archive", root / "letters"
    archive.mkdir(parents=True)
    letters.mkdir()
    shutil.copy(SEED, archive / SEED.name)
    for name, headline, published, body in ARTICLES:
        write_seed_article(letters if name == "xss" else archive, name, headline, body, published)
    (letters / "wires.jsonl").write_text("".join(json.dumps(wire) + "\n" for wire in WIRES), encoding="utf-8")
    built = run_searchkit("index", str(archive), str(letters), "--index", str(root / "index"), "-q")
    assert built.returncode == 0, built.stderr
    return root / "index"


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    text: str

    def json(self):
        return json.loads(self.text)


class Server:
    """`searchkit serve --port 0` in a subprocess; the URL is the one it prints."""

    def __init__(self, index_dir: Path, *extra: str, env: dict | None = None):
        self.index_dir = index_dir
        self.stderr: str | None = None  # set once stopped
        self.process = subprocess.Popen(
            [sys.executable, "-m", "searchkit", "serve", "--index", str(index_dir), "--port", "0", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        )
        self.url = self._read_url()

    def _read_url(self) -> str:
        found: list[str] = []
        reader = threading.Thread(target=lambda: found.append(self.process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(60)
        line = found[0] if found else ""
        if "http://" not in line:
            self.stop()
            raise RuntimeError(f"searchkit serve did not print its URL: {line!r} {self.stderr!r}")
        return line[line.index("http://"):].split()[0].rstrip("/")

    def get(self, path: str, headers: dict | None = None) -> Response:
        request = urllib.request.Request(self.url + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                return Response(reply.status, dict(reply.headers), reply.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers), error.read().decode("utf-8"))

    def stop(self) -> int:
        """Ctrl-C, as a user stops it; returns the exit code and keeps what it printed on stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.stderr is None:
            self.stderr = self.process.stderr.read()
            self.process.stdout.close()
            self.process.stderr.close()
        return self.process.returncode

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()
