"""The web page's state lives in its URL: parse it into SearchEngine arguments, and build the links that
change one part of it (add a facet filter, remove a chip, narrow the dates, turn the page)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from searchkit.errors import UsageError

PARAMETERS = ("q", "from", "to", "on", "official", "source", "facet", "undated", "sort", "page", "limit")
REPEATABLE = ("official", "source", "facet")
MAX_LIMIT = 100
# Facet keys with a filter parameter of their own; the other facets (topic, author, place, ...) filter
# through the query language as `key:"value"`, so a new facet works without code here.
DATE_FACETS = ("year", "month")
PARAMETER_FACETS = ("official", "source")


@dataclass
class SearchRequest:
    """One search as the URL states it."""

    params: list[tuple[str, str]]  # the URL's parameters, in order, so links can change one and keep the rest
    q: str = ""
    start: str | None = None
    end: str | None = None
    on: str | None = None
    officials: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    facets: list[tuple[str, str]] = field(default_factory=list)
    undated: bool = False
    sort: str = "relevance"
    page: int = 1
    limit: int = 10

    @classmethod
    def parse(cls, items: list[tuple[str, str]]) -> SearchRequest:
        """Read URL parameters; UsageError names the parameter and what is wrong with it."""
        for name, _value in items:
            if name not in PARAMETERS:
                raise UsageError(f"unknown parameter {name!r}; known parameters: {', '.join(PARAMETERS)}")
        single = {name: value for name, value in items if name not in REPEATABLE}
        request = cls(
            params=[(name, value) for name, value in items if value != ""],
            q=single.get("q", ""),
            start=single.get("from") or None,
            end=single.get("to") or None,
            on=single.get("on") or None,
            officials=[v for n, v in items if n == "official" and v],
            sources=[v for n, v in items if n == "source" and v],
            facets=[_facet(v) for n, v in items if n == "facet" and v],
            undated=single.get("undated", "") not in ("", "0"),
            sort=single.get("sort") or "relevance",
            page=_whole_number(single, "page", 1),
            limit=_whole_number(single, "limit", 10),
        )
        if request.limit > MAX_LIMIT:
            raise UsageError(f"limit: at most {MAX_LIMIT} hits per page, not {request.limit}")
        return request

    @property
    def is_empty(self) -> bool:
        """Nothing asked yet: the bare front page."""
        return not any(name in ("q", "from", "to", "on", "official", "source", "facet", "undated")
                       for name, _value in self.params)

    def query_text(self) -> str:
        """The query typed, plus one `key:value` term per facet filter without a parameter of its own (quoted
        when the value is more than one word)."""
        terms = [f"{key}:{value}" if value.isalnum() else f'{key}:"{value}"' for key, value in self.facets]
        return " ".join([self.q, *terms]).strip() if terms else self.q

    def filter_arguments(self) -> dict:
        """The filters as keyword arguments of SearchEngine.search, export and officials."""
        return dict(start=self.start, end=self.end, on=self.on, official=self.officials, source=self.sources,
                    undated=self.undated)

    def search_arguments(self) -> dict:
        """Keyword arguments for SearchEngine.search (besides the query text), as `search` passes them."""
        return dict(self.filter_arguments(), sort=self.sort, limit=self.limit, page=self.page)

    # -- links ---------------------------------------------------------------------------------
    def url(self, path: str = "/", params: list[tuple[str, str]] | None = None) -> str:
        params = self.params if params is None else params
        return f"{path}?{urlencode(params)}" if params else path

    def _kept(self, *names: str) -> list[tuple[str, str]]:
        """The parameters without these names; a changed search starts again on page 1."""
        return [(n, v) for n, v in self.params if n not in (*names, "page")]

    def with_facet(self, key: str, value: str) -> str:
        """The link a facet entry shows: this search narrowed to that value."""
        if key in DATE_FACETS:
            return self.url(params=[*self._kept("from", "to", "on"), ("on", value)])
        pair = (key, value) if key in PARAMETER_FACETS else ("facet", f"{key}:{value}")
        return self.url(params=[*self._kept(), pair] if pair not in self.params else self._kept())

    def with_dates(self, start: str, end: str) -> str:
        return self.url(params=[*self._kept("from", "to", "on"), ("from", start), ("to", end)])

    def with_param(self, name: str, value: str) -> str:
        return self.url(params=[*self._kept(name), (name, value)])

    def at_page(self, page: int) -> str:
        return self.url(params=[*self._kept(), ("page", str(page))] if page > 1 else self._kept())

    def chips(self) -> list[tuple[str, str]]:
        """(label, link that removes it) for each active filter."""
        labels = {"from": "from {}", "to": "to {}", "on": "on {}", "official": "official: {}",
                  "source": "source: {}", "undated": "undated only"}
        chips = []
        for index, (name, value) in enumerate(self.params):
            if name in labels or name == "facet":
                label = labels[name].format(value) if name != "facet" else value.replace(":", ": ", 1)
                rest = [pair for i, pair in enumerate(self.params) if i != index and pair[0] != "page"]
                chips.append((label, self.url(params=rest)))
        return chips


def _facet(value: str) -> tuple[str, str]:
    key, sep, wanted = value.partition(":")
    if not sep or not key.strip() or not wanted.strip():
        raise UsageError(f"facet: expected KEY:VALUE (for example topic:grain), not {value!r}")
    if '"' in wanted:
        raise UsageError(f"facet: a value cannot contain a double quote: {value!r}")
    return key.strip(), wanted.strip()


def _whole_number(params: dict[str, str], name: str, default: int) -> int:
    text = params.get(name) or ""
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        raise UsageError(f"{name}: expected a whole number, not {text[:40]!r}") from None
