"""The Whoosh engine's writing side: the writer the indexer hands documents to, and the clean-up of what a
killed or failed writer leaves in a generation folder.

The indexer stays engine-neutral (read -> enrich -> hand documents to a writer); the Sphinx engine has its
own writer (sphinx_engine.ShardWriter) with the same calls.
"""

from __future__ import annotations

import marshal
import shutil
import struct
import zlib
from collections import Counter
from itertools import islice
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.index import TOC
from whoosh.util.numeric import byte_to_length
from whoosh.writing import PostingPool

from searchkit.engines.whoosh_codec import CompactCodec
from searchkit.engines.whoosh_schema import SCHEMA_VERSION, build_schema, to_document
from searchkit.errors import IndexProblem
from searchkit.store import META_FILE, REBUILD_HINT

__all__ = ["SCHEMA_VERSION", "WhooshWriter", "remove_orphans"]

# Postings held in memory before a sorted run of them is written to disk (merged into the index at commit).
WRITER_LIMIT_MB = 192
RUN_CHUNK = 4096  # postings per compressed chunk of a run
_CHUNK_SIZE = struct.Struct("<I")
LOCK_TIMEOUT = 30.0  # Whoosh's own write lock; searchkit's writer lock is already held, so this never waits


class WhooshWriter:
    """One Whoosh writer on a generation folder: add_document, update_document, delete_by_term (the calls the
    indexer makes), then commit or cancel."""

    make_document = staticmethod(to_document)  # (article, source file, corpus) -> the document to add

    def __init__(self, generation: Path, *, create: bool):
        self.generation = generation
        if create:
            self._index = whoosh_index.create_in(str(generation), build_schema())
            self._writer = _compressing_runs(self._index.writer(limitmb=WRITER_LIMIT_MB, compound=False,
                                                                codec=CompactCodec()))
            return
        writer = None
        try:
            self._index = whoosh_index.open_dir(str(generation))
            writer = self._index.writer(limitmb=WRITER_LIMIT_MB, timeout=LOCK_TIMEOUT, compound=False,
                                        codec=CompactCodec())
        except Exception as exc:  # Whoosh raises many kinds on a damaged index
            if writer is not None:
                writer.cancel()  # closes its files and releases Whoosh's own lock for a later run in this process
            raise IndexProblem(
                f"{generation.parent}: damaged index ({type(exc).__name__}: {exc}); {REBUILD_HINT}"
            ) from None
        self._writer = _compressing_runs(writer)

    def add_document(self, **document) -> None:
        self._writer.add_document(**document)

    def update_document(self, **document) -> None:
        self._writer.update_document(**document)

    def delete_by_term(self, field: str, value: str) -> None:
        self._writer.delete_by_term(field, value)

    def existing_articles(self) -> dict[str, dict[str, str]]:
        """source file -> {article id -> content hash}, read from columns so no stored body is loaded."""
        try:
            with self._writer.reader() as reader:
                ids = reader.column_reader("id")
                files = reader.column_reader("source_file")
                hashes = reader.column_reader("content_hash")
                existing: dict[str, dict[str, str]] = {}
                for docnum in reader.all_doc_ids():
                    existing.setdefault(files[docnum], {})[ids[docnum]] = hashes[docnum].decode("ascii")
                return existing
        except Exception as exc:  # noqa: BLE001 - a damaged index, reported with the rebuild hint
            self.cancel()
            raise IndexProblem(
                f"{self.generation.parent}: damaged index ({type(exc).__name__}: {exc}); {REBUILD_HINT}"
            ) from None

    def commit(self) -> None:
        self._writer.commit()

    def cancel(self) -> None:
        self._writer.cancel()

    def held_per_file(self) -> Counter:
        """corpus file -> the articles the committed index holds from it."""
        with self._index.reader() as reader:
            files = reader.column_reader("source_file")
            return Counter(files[docnum] for docnum in reader.all_doc_ids())


class _CompressedRunPool(PostingPool):
    """Whoosh's posting pool with its sorted runs written in compressed chunks instead of one marshal record
    per posting: a large build's runs had taken 4 times the space of the index they were merged into."""

    def add(self, item):
        # item = (fieldname, term bytes, docnum, weight, value bytes); Whoosh's own size estimate, in one step
        self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)

    def _write_run(self, f, items):
        items = iter(items)
        while chunk := list(islice(items, RUN_CHUNK)):
            data = zlib.compress(marshal.dumps(chunk, 2), 1)
            f.write(_CHUNK_SIZE.pack(len(data)))
            f.write(data)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while header := f.read(_CHUNK_SIZE.size):
                (size,) = _CHUNK_SIZE.unpack(header)
                yield from marshal.loads(zlib.decompress(f.read(size)))
        finally:
            f.close()
            self._remove_run(path)


class _SegmentLengths:
    """What Whoosh reads while writing a segment's postings: one field length per posting, each a column look-up
    through its file layer (a tenth of the writer's time). Here each field's lengths are read once, a byte per
    document, and answered as Whoosh's own per-document reader answers."""

    def __init__(self, reader, doc_count: int):
        self._reader = reader
        self._doc_count = doc_count
        self._bytes: dict[str, bytearray | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default=0):
        if fieldname not in self._bytes:
            column = self._reader._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            self._bytes[fieldname] = None if column is None else bytearray(map(column.__getitem__,
                                                                                range(self._doc_count)))
        lengths = self._bytes[fieldname]
        if lengths is None:
            return default
        length_byte = lengths[docnum]
        return byte_to_length(length_byte) if length_byte else None

    def close(self) -> None:
        self._reader.close()


def _compressing_runs(writer):
    """The writer, its (still empty) posting pool replaced by one that compresses its runs, and the field
    lengths it reads while writing postings read once per field."""
    pool = writer.pool
    writer.pool = _CompressedRunPool(pool.tempstore, pool.segment, limitmb=pool.limit / 2**20)
    per_document_reader = writer.per_document_reader
    writer.per_document_reader = lambda: _SegmentLengths(per_document_reader(), writer.docnum)
    return writer


def remove_orphans(generation: Path) -> None:
    """Remove the files in a generation that its last commit does not reference: segments and Whoosh's
    MAIN.tmp of runs that were killed or failed (a disk full), the files a cancelled writer leaves,
    temporary copies of searchkit.json. Runs only under the writer lock, on a trusted generation."""
    try:
        ix = whoosh_index.open_dir(str(generation))
        toc = TOC.read(ix.storage, ix.indexname)
    except Exception:  # noqa: BLE001 - a damaged index is reported by the caller, with the rebuild hint
        return
    segments = {segment.segment_id() for segment in toc.segments}
    segment_file = TOC._segment_pattern(ix.indexname)
    keep = {META_FILE, f"_{ix.indexname}_{toc.generation}.toc", f"{ix.indexname}_WRITELOCK"}
    for path in generation.iterdir():
        match = segment_file.match(path.name)
        if path.name in keep or (match and match.group(1) in segments):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
