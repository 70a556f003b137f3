"""Enrichment (dates, officials: about 1.5 ms of CPU per article) in worker processes that the indexer
supervises, while the one Whoosh writer stays in the main process.

A worker that dies (the OOM killer, `kill -9`) breaks the pool: the next result raises WorkerDied, and the
build fails cleanly instead of committing an index that silently lacks the dead worker's articles.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date

from searchkit.article import Article, Official
from searchkit.enrich import enrich
from searchkit.errors import IndexProblem

# Two cores: the main process writes (Whoosh's analysis is its larger share), one worker enriches.
WORKERS = max(0, min(2, (os.cpu_count() or 1) - 1))
BATCH = 100  # articles per task: large enough that pickling stays a small share of a task
IN_FLIGHT = 4  # tasks queued per worker at most, so memory stays bounded however large the corpus
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


class WorkerDied(IndexProblem):
    """A worker process was killed or crashed; what it was enriching is lost, so nothing may be committed."""


Enrichment = tuple[list[Official], list[date]]


def enrich_batch(articles: list[Article]) -> list[Enrichment]:
    """Run in a worker: only the enrichment travels back, not the article text."""
    return [(done.officials, done.mentioned) for done in map(enrich, articles)]


def _worker_setup(parent: int) -> None:
    """A worker dies with its parent (even one killed by SIGKILL) and leaves Ctrl-C to it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the parent's shutdown still ends it
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    # A parent killed between the fork and the prctl above sends no signal: such an orphan would wait for
    # work forever, holding the indexer's stderr open (seen under load as a killed run that never ended).
    if os.getppid() != parent:
        os._exit(1)


class Enricher:
    """Enrich articles in order, in batches; `add` hands back (article, payload) pairs as they are done.

    Small runs (fewer than one batch) are enriched in this process: starting workers would cost more.
    """

    def __init__(self, where: str, workers: int = WORKERS):
        self.where = where
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None
        self.pending: list[tuple[Article, object]] = []
        self.running: deque[tuple[Future, list[tuple[Article, object]]]] = deque()

    def add(self, article: Article, payload: object) -> Iterator[tuple[Article, object]]:
        self.pending.append((article, payload))
        if len(self.pending) >= BATCH:
            yield from self._submit()
        while len(self.running) > IN_FLIGHT * max(self.workers, 1):
            yield from self._collect()

    def finish(self) -> Iterator[tuple[Article, object]]:
        yield from self._submit()
        while self.running:
            yield from self._collect()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _submit(self) -> Iterator[tuple[Article, object]]:
        batch, self.pending = self.pending, []
        if not batch:
            return
        if self.workers == 0 or (self.pool is None and len(batch) < BATCH):
            for article, payload in batch:
                yield enrich(article), payload
            return
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers, initializer=_worker_setup, initargs=(os.getpid(),))
        try:
            future = self.pool.submit(enrich_batch, [article for article, _payload in batch])
        except BrokenProcessPool:
            raise self._died() from None
        self.running.append((future, batch))
        return

    def _collect(self) -> Iterator[tuple[Article, object]]:
        future, batch = self.running.popleft()
        try:
            results = future.result()
        except BrokenProcessPool:
            raise self._died() from None
        for (article, payload), (officials, mentioned) in zip(batch, results, strict=True):
            article.officials, article.mentioned = officials, mentioned
            yield article, payload

    def _died(self) -> WorkerDied:
        return WorkerDied(
            f"{self.where}: an indexing worker process died (killed, or out of memory); "
            "nothing was committed and the index is as it was before this run"
        )

