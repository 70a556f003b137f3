"""The command line: a thin click shell over SearchEngine and index_corpus.

Exit codes: 0 results found / work done; 1 no results (grep's convention) or no such article;
2 bad usage or input (option, date, query, corpus path); 3 index problem (missing, corrupt,
untrusted, locked, or --strict indexing met a bad record); 130 interrupted.

Manners (ripgrep and git are the models): usage errors are one line on stderr, output to a closed pipe
ends quietly with exit 0, colour only on a terminal (never with NO_COLOR), and the index is found from
any folder of a project.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from pathlib import Path

import click

from searchkit import __version__
from searchkit.errors import CorpusError, SearchkitError, UsageError
from searchkit.readers import FORMAT_NAMES
from searchkit.results import FACET_NAMES

CONTEXT = {"help_option_names": ["-h", "--help"]}
INDEX_FOLDER = "index"


class _Manners:
    """Every entry point's error handling: usage errors from the option parser become the one line
    `searchkit: error: ...` (exit 2) and interruptions exit 130, never a traceback."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as exc:
            where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            message = exc.format_message()
            click.echo(f"searchkit: error: {message[:1].lower() + message[1:]}{where}", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("searchkit: error: interrupted", err=True)
            sys.exit(130)
        if standalone_mode:
            sys.exit(code or 0)
        return code


class _Command(_Manners, click.Command):
    pass


class _Group(_Manners, click.Group):
    pass


class _Failure(click.ClickException):
    """A searchkit error shown as one line on stderr, with its own exit code."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None) -> None:
        from searchkit.display import clean  # paths, keys and input text quoted in errors can hold escapes

        click.echo(f"searchkit: error: {clean(self.format_message())}", err=True)


def reports_errors(command):
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except SearchkitError as exc:
            raise _Failure(str(exc), exc.exit_code) from None
        except KeyboardInterrupt:
            raise _Failure("interrupted", 130) from None
        except BrokenPipeError:
            _quiet_pipe()
            sys.exit(0)

    return wrapper


def _quiet_pipe() -> None:
    """The reader of our output went away (`search oil | head -1`): that is a normal end, so stop without a
    message; stdout is pointed at /dev/null so that the final flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def locate_index(_ctx=None, _param=None, value: Path | None = None) -> Path:
    """The index folder: --index, else $SEARCHKIT_INDEX, else the nearest `index/` holding an index in the
    current folder or any folder above it (as git finds .git), else ./index."""
    if value is not None:
        return value
    from searchkit import store

    here = Path.cwd()
    for folder in (here, *here.parents):
        if store.has_index(folder / INDEX_FOLDER):
            return folder / INDEX_FOLDER if folder != here else Path(INDEX_FOLDER)
    return Path(INDEX_FOLDER)


def _not_found_hint() -> str:
    return (
        f"looked for {INDEX_FOLDER}/ in {Path.cwd()} and each folder above it; name an index with --index DIR "
        f"or SEARCHKIT_INDEX, or build one with `searchkit index CORPUS`"
    )


def index_options(command):
    """--index and --trust-index, shared by every command that opens an index."""
    command = click.option(
        "--trust-index",
        is_flag=True,
        help="Open the index even if others could write it (its files hold pickles: only for folders you trust).",
    )(command)
    return click.option(
        "--index",
        "index_dir",
        envvar="SEARCHKIT_INDEX",
        default=None,
        callback=locate_index,
        type=click.Path(path_type=Path),
        help="Index folder (env SEARCHKIT_INDEX; default: the nearest index/ here or in a folder above).",
    )(command)


# The filters of every command over a set of matching articles (search, officials, export).
_FILTER_OPTIONS = (
    click.option(
        "--from", "start", metavar="DATE", help="Published on or after DATE (2018, 2018-03, 'March 1, 2018')."
    ),
    click.option(
        "--to", "end", metavar="DATE", help="Published on or before DATE (inclusive: --to 2018 means to Dec 31)."
    ),
    click.option("--on", metavar="DATE", help="Published on this day, month or year."),
    click.option("--official", multiple=True, metavar="NAME", help="Only articles naming this official (repeatable)."),
    click.option(
        "--source", multiple=True, metavar="NAME", help="Only articles from this corpus, file or folder (repeatable)."
    ),
    click.option("--undated", is_flag=True, help="Only articles without a publication date."),
    click.option("--dayfirst", is_flag=True, help="Read numeric dates like 7/8/2016 day-first."),
)


def filter_options(command):
    """--from, --to, --on, --official, --source, --undated and --dayfirst, in that order."""
    for option in reversed(_FILTER_OPTIONS):
        command = option(command)
    return command


def _engine(index_dir: Path, trust: bool, dayfirst: bool = False):
    from searchkit import store
    from searchkit.errors import IndexProblem
    from searchkit.search import SearchEngine

    if store.is_vacant(index_dir):
        raise IndexProblem(f"no index at {index_dir}: {_not_found_hint()}")
    return SearchEngine(index_dir, trust=trust, dayfirst=dayfirst)


def _print_json(data) -> None:
    from searchkit.json_output import json_text

    click.echo(json_text(data))


@click.command("search", cls=_Command, context_settings=CONTEXT)
@click.version_option(version=__version__, prog_name="searchkit")
@click.argument("words", nargs=-1)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 10_000), help="Hits per page.")
@click.option("--page", default=1, show_default=True, type=click.IntRange(1), help="Page of hits to show.")
@filter_options
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]), default="relevance", show_default=True)
@click.option("--like", "like_id", metavar="ID", help="Articles similar to the article with this id.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@click.option(
    "--facet", "facet_names", multiple=True, type=click.Choice(FACET_NAMES),
    help="After the hits, count every match by this facet (repeatable).",
)
@click.option("--timeline", is_flag=True, help="After the hits, chart every match per day, month or year.")
@click.option("--no-snippet", is_flag=True, help="Leave out the snippets.")
@click.option(
    "--color", "--colour", "colour", type=click.Choice(["auto", "always", "never"]), default="auto",
    show_default=True, help="Bold highlights: auto means on a terminal and NO_COLOR unset.",
)
@click.option(
    "--corpus",
    envvar="SEARCHKIT_CORPUS",
    default="corpus",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Corpus indexed first when the index does not exist yet (env SEARCHKIT_CORPUS).",
)
@index_options
@reports_errors
def search_command(words, limit, page, start, end, on, official, source, undated, dayfirst, sort, like_id, as_json,
                   facet_names, timeline, no_snippet, colour, corpus, index_dir, trust_index):
    """Search the news archive: ranked hits, best first, with dates and highlighted snippets.

    \b
    Examples:
      search FATF
      search "FATF" --from "March 1, 2018" --to 2018-03-31
      search 'sanctions -oil "foreign minister"' --sort newest
      search 'official:Lavrov date:2018-03' --json
      search 'topic:coffee' --source reuters21578 --facet place --timeline
    """
    from searchkit import store

    if like_id and words:
        raise UsageError("--like finds articles similar to one article: give it no query words")
    if store.is_vacant(index_dir):
        _build_first_index(index_dir, corpus, trust_index)
    with _engine(index_dir, trust_index, dayfirst) as engine:
        if like_id:
            results = engine.more_like(like_id, limit=limit, start=start, end=end)
        else:
            results = engine.search(
                " ".join(words), start=start, end=end, on=on, official=official, source=source, undated=undated,
                sort=sort, limit=limit, page=page, facets=as_json or bool(facet_names) or timeline,
                snippets=not no_snippet,
            )
    if results.date_note:
        click.echo(f"searchkit: {results.date_note}", err=True)
    if results.partial:
        from searchkit.display import clean

        click.echo(f"searchkit: warning: partial results: {clean(results.warnings[0])}", err=True)
    if as_json:
        _print_json(results.to_dict())
    else:
        _print_hits(results, with_snippet=not no_snippet, colour=colour)
        _print_summaries(results, facet_names, timeline)
    if not results.hits:
        message = f"no results for {results.query!r}" if results.total == 0 else f"no hits on page {page}"
        if results.suggestion:
            message += f"; did you mean: {results.suggestion}"
        click.echo(message, err=True)
        sys.exit(1)


def _print_hits(results, with_snippet: bool, colour: str = "auto") -> None:
    from searchkit.display import clean, hit_lines, use_colour

    terminal = use_colour(colour, sys.stdout)
    first = (results.page - 1) * results.limit
    for rank, hit in enumerate(results.hits, start=first + 1):
        for line in hit_lines(rank, hit, terminal, with_snippet):
            click.echo(line, color=terminal)  # click would strip the bold from --color always into a pipe
    if results.hits:
        shown = f"{first + 1}-{first + len(results.hits)}"
        click.echo(f"-- {shown} of {results.total} results", err=True)
        if results.suggestion:
            click.echo(f"Did you mean: {clean(results.suggestion)}", err=True)


def _print_summaries(results, facet_names, timeline: bool) -> None:
    from searchkit.display import facet_lines, timeline_lines

    for name in dict.fromkeys(facet_names):
        for line in facet_lines(name, results.facets.get(name, {})):
            click.echo(line)
    if timeline:
        for line in timeline_lines(results.timeline, results.timeline_unit):
            click.echo(line)


def _build_first_index(index_dir: Path, corpus: Path, trust: bool) -> None:
    from searchkit.indexer import index_corpus
    from searchkit.store import SourceSpec

    if not corpus.exists():
        raise CorpusError(
            f"no index and no corpus folder {corpus} to build one from: {_not_found_hint()} "
            f"(or --corpus DIR / SEARCHKIT_CORPUS)"
        )
    click.echo(f"searchkit: no index in {index_dir} yet; building it from {corpus} ...", err=True)
    summary = index_corpus(index_dir, [SourceSpec(str(corpus))], trust=trust, progress=_ConsoleProgress(quiet=False))
    click.echo(f"searchkit: {summary.line()}", err=True)


class _ConsoleProgress:
    """Problems on stderr as `file:line: reason`; a progress bar on a terminal unless quiet."""

    def __init__(self, quiet: bool, verbose: bool = False):
        from searchkit.display import is_terminal

        self.quiet = quiet
        self.verbose = verbose
        self.bar = None
        self.show_bar = not quiet and is_terminal(sys.stderr)

    def start(self, total_files: int) -> None:
        if self.show_bar and total_files > 1:
            self.started = time.monotonic()
            self.articles = 0
            self.bar = click.progressbar(
                length=total_files, label="indexing files", file=sys.stderr, show_pos=True, show_eta=True,
                item_show_func=self._rate,
            )
            self.bar.__enter__()

    def file_done(self, path: str, articles: int) -> None:
        if self.bar is not None:
            self.articles = articles
            self.bar.update(1, path)

    def _rate(self, _path) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return f"{self.articles} articles, {self.articles / elapsed:.0f}/s"

    def problem(self, problem) -> None:
        from searchkit.display import clean

        if problem.skipped or not self.quiet:
            kind = "skipped" if problem.skipped else "warning"
            self._say(f"{kind}: {clean(str(problem))}")

    def ignored(self, problem, known: bool) -> None:
        from searchkit.display import clean

        if self.verbose or not (known or self.quiet):
            self._say(f"{'ignored' if known else 'warning'}: {clean(str(problem))}")

    def _say(self, line: str) -> None:
        if self.bar is not None:
            # Clear the bar's line first, so the message never lands on its end; the next update redraws it.
            sys.stderr.write("\r\x1b[K")
        click.echo(line, err=True)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(version=__version__, prog_name="searchkit")
def main():
    """searchkit: full-text search for news archives (index, search, officials, stats, show)."""


main.add_command(search_command)


@main.command("index")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Build a fresh index beside the live one and swap it in when complete.")
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="auto", show_default=True)
@click.option("--dayfirst", is_flag=True, help="Numeric dates in these sources are day-first (15/03/2018).")
@click.option(
    "--map", "mappings", multiple=True, metavar="FIELD=COLUMN",
    help="CSV column for a field (repeatable): headline, body, published, id, url, dateline, author, section, "
    "tags, language, place, person, org, exchange.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 3, index unchanged) instead of skipping a bad record.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, warnings or summary; errors and skips only.")
@click.option("--verbose", "-v", is_flag=True, help="Also list every file passed over as not an article.")
@click.option(
    "--forget", multiple=True, metavar="SOURCE",
    help="Stop remembering this source (path or folder/file name) and remove its articles (repeatable).",
)
@click.option("--lock-timeout", default=30.0, show_default=True, help="Seconds to wait for another writer.")
@click.option(
    "--engine", metavar="URL",
    help="Send the articles to a search cluster (sphinx://HOST:PORT/INDEX) instead of a Whoosh index; "
    "the index folder remembers it.",
)
@index_options
@reports_errors
def index_command(paths, rebuild, fmt, dayfirst, mappings, strict, quiet, verbose, forget, lock_timeout, engine,
                  index_dir, trust_index):
    """Index corpus files or folders (default: the sources this index remembers, else ./corpus).

    Incremental: only new and changed articles are written; articles whose files vanished are removed.

    \b
    Examples:
      searchkit index corpus/
      searchkit index ../shared/corpora/reuters21578
      searchkit index news.csv --map headline=Heading --map published=Date
      searchkit index --rebuild
      searchkit index --forget reuters21578
      searchkit index corpus/ --engine sphinx://127.0.0.1:9306/articles --index cluster-index
    """
    from searchkit import store
    from searchkit.indexer import index_corpus

    column_map = _parse_mappings(mappings)
    if not paths and not forget and store.is_vacant(index_dir):
        paths = (Path("corpus"),)
    sources = [store.SourceSpec(str(p), fmt, dayfirst, column_map) for p in paths] or None
    progress = _ConsoleProgress(quiet, verbose)
    try:
        summary = index_corpus(
            index_dir, sources, rebuild=rebuild, strict=strict, lock_timeout=lock_timeout, trust=trust_index,
            progress=progress, forget=forget, engine=engine,
        )
    finally:
        progress.finish()
    if not quiet:
        click.echo(summary.line())


def _parse_mappings(mappings) -> dict[str, str]:
    from searchkit.readers.csvfile import MAP_FIELDS

    column_map = {}
    for item in mappings:
        key, sep, column = item.partition("=")
        if not sep or key.strip() not in MAP_FIELDS or not column.strip():
            raise UsageError(f"--map {item!r}: expected FIELD=COLUMN with FIELD one of {', '.join(MAP_FIELDS)}")
        column_map[key.strip()] = column.strip()
    return column_map


@main.command("officials")
@click.argument("words", nargs=-1)
@filter_options
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1), help="How many officials.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@index_options
@reports_errors
def officials_command(words, start, end, on, official, source, undated, dayfirst, limit, as_json, index_dir,
                      trust_index):
    """Who's who: officials named in the matching articles, with article counts, titles and dates seen.

    Takes the same filters as search: the officials of exactly the articles that search would match.

    \b
    Examples:
      searchkit officials FATF
      searchkit officials --from 2018 --json
      searchkit officials --source reuters21578 --official Volcker
    """
    from searchkit.display import official_line

    with _engine(index_dir, trust_index, dayfirst) as engine:
        people = engine.officials(
            " ".join(words) or None, start=start, end=end, on=on, official=official, source=source, undated=undated,
            limit=limit,
        )
    if as_json:
        _print_json([person.to_dict() for person in people])
    else:
        for person in people:
            click.echo(official_line(person))
    if not people:
        click.echo("no officials found", err=True)
        sys.exit(1)


@main.command("show")
@click.argument("article_ids", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (an object for one id, a list for several).")
@index_options
@reports_errors
def show_command(article_ids, as_json, index_dir, trust_index):
    """Articles in full, with their dates, officials and metadata, paragraph by paragraph.

    \b
    Examples:
      searchkit show 000_4a479e11edf3a116
      searchkit show reut2-000:44 reut2-000:45 --json
    """
    from searchkit.display import article_lines
    from searchkit.errors import ArticleNotFound

    articles, missing = [], []
    with _engine(index_dir, trust_index) as engine:
        for article_id in dict.fromkeys(article_ids):
            try:
                articles.append(engine.get(article_id))
            except ArticleNotFound as exc:
                missing.append(str(exc))
    if as_json:
        data = [article.to_dict() for article in articles]
        _print_json(data[0] if len(article_ids) == 1 and data else data)
    else:
        for number, article in enumerate(articles):
            if number:
                click.echo("\n" + "─" * 40 + "\n")
            for line in article_lines(article):
                click.echo(line)
    for message in missing:
        click.echo(f"searchkit: error: {message}", err=True)
    if missing:
        sys.exit(1)


@main.command("export")
@click.argument("words", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@filter_options
@index_options
@reports_errors
def export_command(words, fmt, start, end, on, official, source, undated, dayfirst, index_dir, trust_index):
    """Every matching article in full, streamed as JSON Lines or CSV (for pandas or a spreadsheet).

    \b
    Examples:
      searchkit export 'topic:coffee' --format csv > coffee.csv
      searchkit export FATF --from 2018 | jq .headline
    """
    from searchkit.export import write_articles

    with _engine(index_dir, trust_index, dayfirst) as engine:
        articles = engine.export(
            " ".join(words), start=start, end=end, on=on, official=official, source=source, undated=undated
        )
        count = write_articles(articles, sys.stdout, fmt)
    click.echo(f"searchkit: exported {count} articles", err=True)
    if not count:
        sys.exit(1)


@main.command("sources")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@index_options
@reports_errors
def sources_command(as_json, index_dir, trust_index):
    """The sources this index remembers (what a bare `searchkit index` refreshes), with their article counts.

    \b
    Example:
      searchkit sources
    """
    from searchkit.display import shown_path

    with _engine(index_dir, trust_index) as engine:
        specs, counts = engine.sources(), engine.stats().per_source
    rows = [
        {"path": spec.path, "articles": counts.get(spec.path, 0), "format": spec.format, "dayfirst": spec.dayfirst,
         "map": spec.column_map}
        for spec in specs
    ]
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        options = [f"--format {row['format']}"] if row["format"] != "auto" else []
        options += ["--dayfirst"] if row["dayfirst"] else []
        options += [f"--map {field}={column}" for field, column in row["map"].items()]
        click.echo(f"{row['articles']:>8}  {shown_path(row['path'])}{'  ' + ' '.join(options) if options else ''}")
    if not rows:
        click.echo("this index remembers no sources", err=True)


@main.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@index_options
@reports_errors
def stats_command(as_json, index_dir, trust_index):
    """Article count, date range, counts per source and year, undated and skipped counts, size on disk."""
    from searchkit.display import stats_lines

    with _engine(index_dir, trust_index) as engine:
        stats = engine.stats()
    if as_json:
        _print_json(stats.to_dict())
    else:
        for line in stats_lines(stats):
            click.echo(line)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every network).")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a web browser.")
@click.option("--corpus", envvar="SEARCHKIT_CORPUS", default="corpus", show_default=True,
              type=click.Path(path_type=Path), help="Corpus indexed first when the index does not exist yet.")
@index_options
@reports_errors
def serve_command(host, port, open_browser, corpus, index_dir, trust_index):
    """A web page for searching the archive (needs the web extra: pip install -e '.[web]').

    It only reads the index, and picks up what `searchkit index` adds or rebuilds while it runs.

    \b
    Examples:
      searchkit serve
      searchkit serve --index reuters-index --port 8000 --open
    """
    from searchkit import store
    from searchkit.web import is_loopback, serve

    if store.is_vacant(index_dir):
        _build_first_index(index_dir, corpus, trust_index)
    if not is_loopback(host):
        click.echo(f"searchkit: warning: --host {host} makes the archive visible to the network", err=True)

    def ready(url: str) -> None:
        click.echo(f"searchkit: serving {index_dir} at {url} (Ctrl-C to stop)")
        if open_browser:
            import webbrowser

            webbrowser.open(url)

    serve(index_dir, host=host, port=port, trust=trust_index, on_ready=ready)


@main.group("cluster")
def cluster_group():
    """Set up a Sphinx/Manticore search cluster for indexes too large for one Whoosh folder."""


@cluster_group.command("config")
@click.option("--shards", default=2, show_default=True, type=click.IntRange(1, 256), help="Real-time shards in all.")
@click.option(
    "--node", "nodes", multiple=True, metavar="HOST:PORT",
    help="A node: it serves SphinxQL on PORT and its peers on PORT+1 (repeatable; default 127.0.0.1:9306).",
)
@click.option("--name", "names", multiple=True, metavar="INDEX", help="Index name (repeatable; default articles).")
@click.option("--dir", "folder", default="cluster", show_default=True, type=click.Path(path_type=Path),
              help="Folder for the nodes' configuration and data.")
@reports_errors
def cluster_config_command(shards, nodes, names, folder):
    """Write each node's searchd configuration: shard schema, distributed index, listen addresses.

    Shards are dealt to the nodes in turn; every node's distributed index covers all shards, so any node
    answers a search. Nodes listen on the HOST given (127.0.0.1 unless told otherwise).

    \b
    Example:
      searchkit cluster config --shards 4 --node 127.0.0.1:9306 --node 127.0.0.1:9316
      searchd --config cluster/node1/searchd.conf; searchd --config cluster/node2/searchd.conf
      searchkit index corpus/ --engine sphinx://127.0.0.1:9306/articles --index news-cluster
    """
    from searchkit.engines.sphinx_cluster import DEFAULT_INDEX, parse_node, write_cluster_config

    parsed = [parse_node(node) for node in nodes] or [parse_node("127.0.0.1:9306")]
    for path in write_cluster_config(folder, parsed, shards, list(names) or [DEFAULT_INDEX]):
        click.echo(f"searchd --config {path}")
