"""Building and updating the index: incremental by content hash, atomic rebuilds, one writer at a time."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from searchkit.article import Article, Problem
from searchkit.engines import uses_cluster
from searchkit.engines.whoosh_writer import SCHEMA_VERSION, WhooshWriter, remove_orphans
from searchkit.errors import CorpusError, IndexProblem, StrictModeError, UsageError
from searchkit.locking import writer_lock
from searchkit.readers import ReadOptions, corpus_files, format_for, read_file
from searchkit.store import (
    BUILDING_SUFFIX,
    CURRENT_FILE,
    GENERATION_PREFIX,
    LOCK_FILE,
    REBUILD_HINT,
    FileState,
    IndexMeta,
    SourceSpec,
    check_trusted,
    current_generation,
    has_index,
    is_vacant,
    live_generation_name,
    make_private_dir,
    read_meta,
    refuse_links,
    remove_if_unused,
    switch_current,
    write_meta,
)
from searchkit.workers import Enricher

DEFAULT_LOCK_TIMEOUT = 30.0
# Indexing one article takes about 30 times its size in memory (Whoosh's posting pools, the enrichment
# passes): a 50 MB "article" needed 1.6 GB and 90 s. Nothing that large is a news article, so it is skipped
# with a reason (bench/bench_big_inputs.py measures this).
MAX_ARTICLE_BYTES = 5 * 2**20
# Disk full, quota exceeded, I/O error: the run fails with one line, exit 3, and removes its partial files.
DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EIO}
PRIVATE_UMASK = 0o077  # files written while indexing are readable and writable by their owner only
DUPLICATE_ID_SEPARATOR = "~"


@dataclass
class IndexSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: int = 0
    ignored: int = 0  # files in the corpus folders that are not articles (README, licence, lists)
    warnings: int = 0
    seconds: float = 0.0
    rebuilt: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def line(self) -> str:
        written = self.added + self.updated
        rate = written / self.seconds if self.seconds > 0 else 0.0
        counts = (
            f"{self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.unchanged} unchanged, {self.skipped} skipped"
        )
        if self.ignored:
            files = "file" if self.ignored == 1 else "files"
            counts += f"; {self.ignored} {files} ignored (not articles; --verbose lists them)"
        if not self.changed:
            return f"nothing changed: {counts} in {self.seconds:.1f} s"
        return f"{counts} in {self.seconds:.1f} s ({rate:.{1 if rate < 10 else 0}f} articles/s)"


class IndexProgress:
    """What the indexer tells its caller as it goes; the CLI draws a bar and prints problems from it."""

    def start(self, total_files: int) -> None:
        """Called once the corpus files are listed."""

    def file_done(self, path: str, articles: int) -> None:
        """Called after each corpus file, read or skipped as unchanged; articles counts all seen so far."""

    def problem(self, problem: Problem) -> None:
        """Called for each skipped record and each warning."""

    def ignored(self, problem: Problem, known: bool) -> None:
        """Called for each file passed over as not an article; known when an earlier run already said so."""


def index_corpus(
    index_dir: Path,
    sources: Iterable[SourceSpec] | None = None,
    *,
    rebuild: bool = False,
    strict: bool = False,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    trust: bool = False,
    progress: IndexProgress | None = None,
    forget: Iterable[str] = (),
    engine: str | None = None,
) -> IndexSummary:
    """Bring the index at index_dir up to date with its sources (given ones are added to those remembered).

    A fresh or --rebuild build is written beside the live index and swapped in only when complete. Sources
    named in forget (by path or by folder/file name) are no longer remembered and their articles are removed.
    engine (sphinx://HOST:PORT/INDEX) sends the articles to a search cluster instead; the folder remembers it.
    """
    index_dir = Path(index_dir)
    sources = list(sources) if sources is not None else None
    for spec in sources or []:
        if not Path(spec.path).exists():
            raise CorpusError(f"{spec.path}: no such file or folder")
    if engine is not None or uses_cluster(index_dir):
        from searchkit.engines.sphinx_engine import index_into_cluster

        if forget:
            raise UsageError("--forget works on a Whoosh index folder, not yet on a search cluster")

        return index_into_cluster(index_dir, sources, engine=engine, rebuild=rebuild, strict=strict,
                                  lock_timeout=lock_timeout, progress=progress or IndexProgress())
    _check_is_index_folder(index_dir)
    # Trust is checked before anything is created or opened in the folder (the lock file included).
    if is_vacant(index_dir):
        make_private_dir(index_dir)  # new, or empty: made owner-only; an existing index is never re-permissioned
    if not trust:
        check_trusted(index_dir, None)
    progress = progress or IndexProgress()
    started = time.monotonic()
    # Whoosh creates its files with the process umask; under a permissive one (002) they would be
    # group-writable and the trust check would refuse the index just built.
    saved_umask = os.umask(PRIVATE_UMASK)
    try:
        with writer_lock(index_dir / LOCK_FILE, lock_timeout):
            _remove_leftovers(index_dir)
            live, meta = _live_state(index_dir, rebuild)
            if live:
                if trust:
                    refuse_links(index_dir, live)
                else:
                    check_trusted(index_dir, live)
                remove_orphans(live)
            outdated = meta is not None and meta.schema_version != SCHEMA_VERSION
            if outdated and not rebuild and live is not None:
                raise IndexProblem(
                    f"{index_dir}: built with schema version {meta.schema_version}, "
                    f"this searchkit uses {SCHEMA_VERSION}; {REBUILD_HINT}"
                )
            forgotten = _forgotten(meta, list(forget))
            chosen = _choose_sources(meta, sources, rebuild, bool(forgotten))
            chosen = [spec for spec in chosen if spec not in forgotten]
            if live is None or rebuild or outdated:
                summary = _build_generation(index_dir, live, chosen, strict, progress)
            else:
                summary = _update_generation(live, meta, chosen, strict, progress, forgotten)
    except OSError as exc:
        if exc.errno not in DISK_ERRORS:
            raise
        raise IndexProblem(
            f"{index_dir}: {os.strerror(exc.errno)} while writing the index; the partial files were removed "
            "and searches still see the last complete index; run `searchkit index` again once this is fixed"
        ) from None
    finally:
        os.umask(saved_umask)
    summary.seconds = time.monotonic() - started
    return summary


def _live_state(index_dir: Path, rebuild: bool) -> tuple[Path | None, IndexMeta | None]:
    """The live generation and its meta. When CURRENT or searchkit.json is damaged (or CURRENT is missing
    beside finished generations) a rebuild still works: its sources are read from the newest readable meta."""
    if has_index(index_dir):
        try:
            live = current_generation(index_dir)
            return live, read_meta(live)
        except IndexProblem:
            if not rebuild:
                raise
    return None, _salvaged_meta(index_dir)


def _salvaged_meta(index_dir: Path) -> IndexMeta | None:
    finished = [p for p in index_dir.iterdir() if p.name.startswith(GENERATION_PREFIX) and p.is_dir()]
    for generation in sorted((p for p in finished if not p.name.endswith(BUILDING_SUFFIX)), reverse=True):
        try:
            return read_meta(generation)  # JSON only: no pickle is loaded from an unchecked folder
        except IndexProblem:
            continue
    return None


def _check_is_index_folder(index_dir: Path) -> None:
    """Never write into a folder that holds something other than a searchkit index."""
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexProblem(f"{index_dir}: not a folder")
    if is_vacant(index_dir) or has_index(index_dir):
        return
    if not any(p.name.startswith(GENERATION_PREFIX) for p in index_dir.iterdir()):
        raise IndexProblem(f"{index_dir}: not a searchkit index (no {CURRENT_FILE} file); choose another --index")


def _remove_leftovers(index_dir: Path) -> None:
    """Remove what the live generation does not need: interrupted builds, superseded generations that no
    searcher holds any more, temporary copies of CURRENT.

    When CURRENT is missing or damaged nobody can tell which generation holds the data, so only interrupted
    builds (`.building`) go; the rest is removed after the next successful swap.
    """
    live_name = live_generation_name(index_dir)
    for path in index_dir.iterdir():
        name = path.name
        if name.startswith(f".{CURRENT_FILE}.") and name.endswith(".tmp"):
            path.unlink(missing_ok=True)
        elif name.startswith(GENERATION_PREFIX) and name != live_name and (
            live_name is not None or name.endswith(BUILDING_SUFFIX)
        ):
            remove_if_unused(path)


def _forgotten(meta: IndexMeta | None, names: list[str]) -> list[SourceSpec]:
    remembered = meta.sources if meta else []
    chosen = []
    for name in names:
        matches = [
            spec for spec in remembered
            if spec.path in (name, str(Path(name).resolve())) or corpus_name(spec) == Path(name).name
        ]
        if not matches:
            known = ", ".join(spec.path for spec in remembered) or "none"
            raise UsageError(f"--forget {name!r}: not a remembered source (remembered: {known})")
        chosen += matches
    return chosen


def _choose_sources(
    meta: IndexMeta | None, given: Iterable[SourceSpec] | None, rebuild: bool, forgetting: bool = False
) -> list[SourceSpec]:
    remembered = meta.sources if meta else []
    given = [_resolved(spec) for spec in given] if given is not None else []
    if not given:
        if not remembered and not forgetting:
            raise IndexProblem("no corpus given and the index remembers none; name a corpus folder or file")
        return remembered
    if rebuild:
        return given
    by_path = {spec.path: spec for spec in remembered}
    by_path.update({spec.path: spec for spec in given})
    return list(by_path.values())


def _resolved(spec: SourceSpec) -> SourceSpec:
    return SourceSpec(str(Path(spec.path).resolve()), spec.format, spec.dayfirst, dict(spec.column_map))


def _next_generation_name(index_dir: Path) -> str:
    numbers = [
        int(p.name[len(GENERATION_PREFIX) :].split(".")[0])
        for p in index_dir.iterdir()
        if p.name.startswith(GENERATION_PREFIX) and p.name[len(GENERATION_PREFIX) :].split(".")[0].isdigit()
    ]
    return f"{GENERATION_PREFIX}{max(numbers, default=0) + 1:06d}"


def _build_generation(index_dir, live, sources, strict, progress) -> IndexSummary:
    name = _next_generation_name(index_dir)
    building = index_dir / (name + BUILDING_SUFFIX)
    make_private_dir(building)
    writer = None
    try:
        writer = WhooshWriter(building, create=True)
        meta = IndexMeta(schema_version=SCHEMA_VERSION, sources=sources, created=_now())
        run = _IndexRun(index_dir, writer, meta, existing={}, strict=strict, progress=progress)
        run.index_sources(sources)
        writer.commit()
        committed, writer = writer, None
        run.check_committed(committed.held_per_file())  # a build that lost articles is never swapped in
        meta.updated = _now()
        write_meta(building, meta)
        final = index_dir / name
        os.rename(building, final)
        switch_current(index_dir, final)
    except BaseException:
        if writer is not None:
            with contextlib.suppress(Exception):  # the build is thrown away; its folder goes below
                writer.cancel()
        shutil.rmtree(building, ignore_errors=True)
        raise
    run.summary.rebuilt = True
    _remove_leftovers(index_dir)  # the generation it replaced, once no searcher holds it
    return run.summary


def _update_generation(live: Path, meta: IndexMeta, sources, strict, progress, forgotten=()) -> IndexSummary:
    try:
        return _update_in_place(live, meta, sources, strict, progress, forgotten)
    finally:
        remove_orphans(live)  # what a cancelled or failed writer left behind


def _update_in_place(live: Path, meta: IndexMeta, sources, strict, progress, forgotten) -> IndexSummary:
    writer = WhooshWriter(live, create=False)
    existing = writer.existing_articles()
    meta.sources = sources
    run = _IndexRun(live.parent, writer, meta, existing=existing, strict=strict, progress=progress)
    try:
        run.index_sources(sources)
        for spec in forgotten:
            run.forget(spec)
    except BaseException:
        with contextlib.suppress(Exception):  # what it wrote is removed by remove_orphans
            writer.cancel()
        raise
    if not run.summary.changed:
        writer.cancel()
        write_meta(live, meta)
        return run.summary
    writer.commit()
    meta.updated = _now()
    try:
        run.check_committed(writer.held_per_file())
    finally:
        write_meta(live, meta)  # the file states of what was committed, so the next run re-reads the rest
    return run.summary


class _IndexRun:
    """One pass over the sources with one open writer."""

    def __init__(self, index_dir: Path, writer, meta: IndexMeta, existing, strict: bool, progress: IndexProgress,
                 make_document=None):
        self.index_dir = index_dir
        self.writer = writer  # an engine's writer: add_document, update_document, delete_by_term
        # (article, source file, corpus) -> the engine's document; by default the writer's own
        self.make_document = make_document or writer.make_document
        self.meta = meta
        self.existing = existing
        self.strict = strict
        self.progress = progress
        self.summary = IndexSummary()
        # article id -> the file that owns it, to give a clashing id from another record a suffix
        self.owners = {article_id: path for path, ids in existing.items() for article_id in ids}

    def index_sources(self, sources: list[SourceSpec]) -> None:
        listed = [(spec, self._files_of(spec)) for spec in sources]
        self.progress.start(sum(len(files) for _spec, files in listed))
        self.enricher = Enricher(str(self.index_dir))
        try:
            for spec, files in listed:
                options = ReadOptions(format=spec.format, dayfirst=spec.dayfirst, column_map=spec.column_map)
                for path in files:
                    self._index_file(path, options, corpus_name(spec))
                    seen = self.summary.added + self.summary.updated + self.summary.unchanged
                    self.progress.file_done(str(path), seen)
                self._remove_vanished(spec, {str(path) for path in files})
            for article, where in self.enricher.finish():
                self._write(article, *where)
        finally:
            self.enricher.close()

    def _write(self, article: Article, source_file: str, corpus: str, is_update: bool) -> None:
        document = self.make_document(article, source_file, corpus)
        if is_update:
            self.writer.update_document(**document)
        else:
            self.writer.add_document(**document)

    def check_committed(self, held: Counter) -> None:
        """Compare what the index holds per corpus file (held) with the articles this run accepted. A file whose
        count differs is forgotten (the next run reads it again) and the run fails: a loss is never remembered
        as "unchanged"."""
        expected = {key: len(ids) for key, ids in self.existing.items() if ids}
        short = {key for key in held.keys() | expected.keys() if held.get(key, 0) != expected.get(key, 0)}
        if not short:
            return
        for key in short:
            self.meta.files.pop(key, None)
        raise IndexProblem(
            f"{self.index_dir}: the index holds {held.total()} articles but {sum(expected.values())} were "
            f"accepted ({len(short)} corpus files differ); nothing was swapped in, run `searchkit index` again"
        )

    def _files_of(self, spec: SourceSpec) -> list[Path]:
        ignored: list[Problem] = []
        files = corpus_files([Path(spec.path)], ReadOptions(format=spec.format), ignored)
        passed_over = [problem for problem in ignored if not problem.skipped]  # not articles: said once
        for problem in ignored:
            if problem.skipped:  # an unreadable folder is a skip, reported every run
                self._problem(problem)
                continue
            known = problem.location in self.meta.ignored
            self.summary.ignored += 1
            self.summary.warnings += not known
            self.progress.ignored(problem, known)
        root = spec.path.rstrip(os.sep)
        self.meta.ignored = sorted(
            {path for path in self.meta.ignored if not path.startswith(root + os.sep)}
            | {problem.location for problem in passed_over}
        )
        if spec.path in self.meta.empty_sources:
            self.meta.empty_sources.remove(spec.path)
        if not files:
            self.meta.empty_sources.append(spec.path)
            self._problem(Problem(spec.path, "no readable articles found"))
        return files

    def _index_file(self, path: Path, options: ReadOptions, corpus: str) -> None:
        key = str(path)
        info = path.stat()
        known = self.meta.files.get(key)
        held = len(self.existing.get(key, ()))
        if known and known.mtime_ns == info.st_mtime_ns and known.size == info.st_size and held == known.articles:
            self.summary.unchanged += known.articles
            return
        previous = self.existing.get(key, {})
        for article_id in previous:
            self.owners.pop(article_id, None)
        seen: set[str] = set()
        skipped = 0
        if format_for(path, options.format) == "text" and info.st_size > MAX_ARTICLE_BYTES:
            items = iter([_too_big(str(path), info.st_size, "file")])  # one article per file: not even read
        else:
            items = read_file(path, options)
        for item in items:
            if isinstance(item, Article) and len(item.headline) + len(item.body) > MAX_ARTICLE_BYTES:
                item = _too_big(item.source, len(item.headline) + len(item.body), "article")
            if isinstance(item, Problem):
                skipped += item.skipped
                self._problem(item)
                continue
            self._claim_id(item, key)
            seen.add(item.id)
            content_hash = item.content_hash()
            if previous.get(item.id) == content_hash:
                self.summary.unchanged += 1
                continue
            is_update = item.id in previous
            for article, where in self.enricher.add(item, (key, corpus, is_update)):
                self._write(article, *where)
            if is_update:
                self.summary.updated += 1
            else:
                self.summary.added += 1
        for article_id in previous.keys() - seen:
            self.writer.delete_by_term("id", article_id)
            self.summary.removed += 1
        self.existing[key] = dict.fromkeys(seen, "")
        self.meta.files[key] = FileState(info.st_mtime_ns, info.st_size, len(seen), skipped)

    def _claim_id(self, article: Article, source_file: str) -> None:
        """Give an id already used by another record a numbered suffix, so no article replaces another."""
        base, number = article.id, 1
        while article.id in self.owners:
            number += 1
            article.id = f"{base}{DUPLICATE_ID_SEPARATOR}{number}"
        if number > 1:
            self._problem(
                Problem(
                    article.source,
                    f"duplicate id {base!r} (also used by {self.owners[base]}); indexed as {article.id!r}",
                    skipped=False,
                )
            )
        self.owners[article.id] = source_file

    def forget(self, spec: SourceSpec) -> None:
        """Remove every article of a source that is no longer remembered."""
        self._remove_vanished(spec, set())
        root = spec.path.rstrip(os.sep)
        self.meta.ignored = [path for path in self.meta.ignored if not path.startswith(root + os.sep)]
        self.meta.empty_sources = [path for path in self.meta.empty_sources if path != spec.path]

    def _remove_vanished(self, spec: SourceSpec, present: set[str]) -> None:
        root = spec.path.rstrip(os.sep)
        for key in [k for k in self.meta.files if (k == root or k.startswith(root + os.sep)) and k not in present]:
            self.writer.delete_by_term("source_file", key)
            self.summary.removed += self.meta.files.pop(key).articles
            for article_id in self.existing.pop(key, {}):
                self.owners.pop(article_id, None)

    def _problem(self, problem: Problem) -> None:
        if problem.skipped:
            self.summary.skipped += 1
            if self.strict:
                raise StrictModeError(f"{problem} (--strict: nothing was written)")
        else:
            self.summary.warnings += 1
        self.progress.problem(problem)


def corpus_name(spec: SourceSpec) -> str:
    """The name a source goes by in facets: its folder or file name (`reuters21578`, `Articles.csv`)."""
    return Path(spec.path).name


def _too_big(location: str, size: int, what: str) -> Problem:
    return Problem(
        location, f"{what} is {size / 2**20:.1f} MB, over the {MAX_ARTICLE_BYTES // 2**20} MB limit for one article"
    )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
