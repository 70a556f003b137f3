"""The web page: a Starlette app, a thin shell over SearchEngine. It only reads the index; each request
first picks up whatever `searchkit index` committed or swapped in since the last one."""

from __future__ import annotations

import re
import threading
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from searchkit.errors import ArticleNotFound, SearchkitError, UsageError
from searchkit.json_output import json_text
from searchkit.query import MAX_QUERY_CHARS
from searchkit.web.histogram import bars
from searchkit.web.params import SearchRequest

MORE_LIKE_THIS = 5
OFFICIALS_SHOWN = 50
FACET_ENTRIES = 12
SECURITY_HEADERS = {
    # Article text is untrusted: no inline script or style can run, only same-origin files.
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1"]


class EngineHolder:
    """One SearchEngine shared by all requests, one request at a time (a Whoosh searcher and the engine's
    filter cache are not made for threads). Reopened when the index changes or could not be opened."""

    def __init__(self, index_dir: Path, trust: bool):
        self.index_dir = index_dir
        self.trust = trust
        self._engine = None
        self._lock = threading.Lock()

    @contextmanager
    def engine(self):
        from searchkit.search import SearchEngine

        with self._lock:
            if self._engine is not None:
                try:
                    self._engine.refresh()
                except Exception:  # noqa: BLE001 - whatever went wrong, opening anew reports it properly
                    self.close()
            if self._engine is None:
                self._engine = SearchEngine(self.index_dir, trust=self.trust)
            yield self._engine

    def close(self) -> None:
        engine, self._engine = self._engine, None
        if engine is not None:
            engine.close()


def create_app(index_dir: str | Path = "index", *, trust: bool = False, loopback_only: bool = True):
    """The ASGI app serving index_dir. loopback_only refuses requests naming another host, so a web page
    elsewhere cannot reach the archive by pointing its own domain name at 127.0.0.1 (DNS rebinding)."""
    holder = EngineHolder(Path(index_dir), trust)
    pages = _Pages(holder)
    static = StaticFiles(directory=str(Path(__file__).with_name("static")))
    routes = [
        Route("/", pages.search_page),
        Route("/article/{article_id:path}", pages.article_page),
        Route("/officials", pages.officials_page),
        Route("/api/search", pages.search_api),
        Route("/api/article/{article_id:path}", pages.article_api),
        Route("/api/officials", pages.officials_api),
        Mount("/static", app=static, name="static"),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_NAMES)] if loopback_only else []

    @asynccontextmanager
    async def lifespan(_app):
        yield
        holder.close()

    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={404: pages.not_found, 405: pages.not_found, Exception: pages.server_error},
        lifespan=lifespan,
    )
    return _SecurityHeaders(app)  # outermost, so error pages carry the headers too


class _SecurityHeaders:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    *((name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()),
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _status(error: SearchkitError) -> int:
    if isinstance(error, UsageError):
        return 400
    if isinstance(error, ArticleNotFound):
        return 404
    return 503  # IndexProblem, StrictModeError: the index cannot be used now; no request could change that


def _json(data, status: int = 200) -> Response:
    return Response(json_text(data) + "\n", status_code=status, media_type="application/json")


def _json_error(error: SearchkitError) -> Response:
    return _json({"error": str(error)}, _status(error))


def _marked(text: str, spans) -> Markup:
    """A snippet with its matched words in <mark>; everything from the article escaped."""
    out, position = [], 0
    for start, end in sorted(spans):
        out += [escape(text[position:start]), Markup("<mark>"), escape(text[start:end]), Markup("</mark>")]
        position = end
    out.append(escape(text[position:]))
    return Markup("").join(out)


def _web_link(url: str | None) -> str | None:
    """An article's url as a link only when it is a web address (never javascript: or data:)."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _date_input_type(value: str | None) -> str:
    """A date picker for an ISO date or nothing; other date text (`2018`, `March 2018`) stays editable text."""
    return "date" if not value or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else "text"


def _facet_entries(counts: dict[str, int]) -> list[tuple[str, int]]:
    """The most frequent values, in the engine's order (years and months stay in date order)."""
    top = set(sorted(counts, key=lambda value: (-counts[value], value))[:FACET_ENTRIES])
    return [(value, count) for value, count in counts.items() if value in top]


class _Pages:
    def __init__(self, holder: EngineHolder):
        self.holder = holder
        self.templates = Environment(
            loader=PackageLoader("searchkit.web", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.filters["marked"] = _marked
        self.templates.globals.update(
            web_link=_web_link, facet_entries=_facet_entries, date_input_type=_date_input_type,
            max_query_chars=MAX_QUERY_CHARS,
        )

    def _page(self, name: str, status: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(self.templates.get_template(name).render(**context), status_code=status)

    def _problem_page(self, error: SearchkitError, req: SearchRequest | None = None) -> HTMLResponse:
        return self._page("problem.html", _status(error), error=str(error), req=req,
                          index_problem=_status(error) == 503, index_dir=self.holder.index_dir)

    # -- search ----------------------------------------------------------------------------------
    def _search(self, req: SearchRequest):
        with self.holder.engine() as engine:
            return engine.search(req.query_text(), **req.search_arguments())

    def search_page(self, request: Request) -> HTMLResponse:
        try:
            req = SearchRequest.parse(list(request.query_params.multi_items()))
        except UsageError as error:
            return self._page("search.html", 400, req=SearchRequest(params=[]), results=None, error=str(error))
        if req.is_empty:
            try:
                with self.holder.engine():
                    pass  # the front page already says so when the index cannot be searched
            except SearchkitError as error:
                return self._problem_page(error, req)
            return self._page("search.html", req=req, results=None, error=None)
        try:
            results = self._search(req)
        except UsageError as error:
            return self._page("search.html", 400, req=req, results=None, error=str(error))
        except SearchkitError as error:
            return self._problem_page(error, req)
        return self._page(
            "search.html", req=req, results=results, error=None, first_rank=(results.page - 1) * results.limit + 1,
            bars=bars(results.timeline, results.timeline_unit),
        )

    def search_api(self, request: Request) -> Response:
        try:
            req = SearchRequest.parse(list(request.query_params.multi_items()))
            return _json(self._search(req).to_dict())
        except SearchkitError as error:
            return _json_error(error)

    # -- articles --------------------------------------------------------------------------------
    def article_page(self, request: Request) -> HTMLResponse:
        article_id = request.path_params["article_id"]
        try:
            with self.holder.engine() as engine:
                article = engine.get(article_id)
                similar = engine.more_like(article_id, limit=MORE_LIKE_THIS)
        except SearchkitError as error:
            return self._problem_page(error)
        paragraphs = [p.strip() for p in article.body.split("\n\n") if p.strip()]
        return self._page("article.html", req=SearchRequest(params=[]), article=article, paragraphs=paragraphs,
                          similar=similar)

    def article_api(self, request: Request) -> Response:
        try:
            with self.holder.engine() as engine:
                return _json(engine.get(request.path_params["article_id"]).to_dict())
        except SearchkitError as error:
            return _json_error(error)

    # -- officials -------------------------------------------------------------------------------
    def _officials(self, req: SearchRequest):
        with self.holder.engine() as engine:
            return engine.officials(req.query_text() or None, **req.filter_arguments(), limit=OFFICIALS_SHOWN)

    def officials_page(self, request: Request) -> HTMLResponse:
        try:
            req = SearchRequest.parse(list(request.query_params.multi_items()))
            people = self._officials(req)
        except UsageError as error:
            return self._page("officials.html", 400, req=SearchRequest(params=[]), people=[], error=str(error))
        except SearchkitError as error:
            return self._problem_page(error)
        return self._page("officials.html", req=req, people=people, error=None)

    def officials_api(self, request: Request) -> Response:
        try:
            req = SearchRequest.parse(list(request.query_params.multi_items()))
            return _json([person.to_dict() for person in self._officials(req)])
        except SearchkitError as error:
            return _json_error(error)

    # -- errors ----------------------------------------------------------------------------------
    async def not_found(self, request: Request, exc) -> Response:
        message = "no such page" if exc.status_code == 404 else "this page only answers GET requests"
        if request.url.path.startswith("/api/"):
            return _json({"error": message}, exc.status_code)
        return self._page("problem.html", exc.status_code, error=message, req=None, index_problem=False)

    async def server_error(self, request: Request, exc: Exception) -> Response:
        # A bug, not the user's doing: one line, no traceback for the page to leak.
        message = f"internal error ({type(exc).__name__}); please report it"
        if request.url.path.startswith("/api/"):
            return _json({"error": message}, 500)
        return self._page("problem.html", 500, error=message, req=None, index_problem=False)
