"""How searchkit's Whoosh index is laid out on disk: Whoosh's own file format (W3), written more compactly.

Whoosh's W3 writer pickles every block of postings with pickle protocol 2, where each posting's positions are
a pickled list inside a bytes object pickled through `codecs.encode`, and every weight a float: about 18
bytes a posting after compression. Stored fields are compressed one document at a time (about 1 KB, too
little for zlib to find much). Here:

- postings blocks keep W3's layout and are read by Whoosh's own reader, but are pickled with a current
  protocol, weights that are whole numbers stay integers, and positions are packed bytes (CompactPositions);
- a term found in only a few documents keeps its postings in its term-dictionary entry (Whoosh's "inlining",
  which its W3 writer cannot do: it calls a method its term info does not have);
- stored fields are pickled and compressed a block of documents at a time, like the document stores of
  Lucene and tantivy: a result page decompresses one block per hit, an export each block once.
"""

from __future__ import annotations

import pickle
import struct
import sys
import zlib
from array import array
from collections.abc import Iterable, Iterator
from itertools import accumulate, pairwise
from operator import itemgetter, sub

from whoosh.codec.whoosh3 import (
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3PerDocReader,
    W3PerDocWriter,
    W3PostingsWriter,
    W3TermInfo,
)
from whoosh.columns import Column, ColumnReader, ColumnWriter
from whoosh.formats import Positions
from whoosh.util.numeric import length_to_byte

PICKLE_PROTOCOL = 4
# Postings of a term in fewer documents than this live in its term-dictionary entry instead of a block of
# their own (a block costs about 80 bytes beyond its postings).
INLINE_LIMIT = 8
# Documents whose stored fields are compressed together; reading one decompresses its block (about 16 KB).
STORED_BLOCK_DOCS = 16
STORED_LEVEL = 6
STORED = "_stored"  # Whoosh's name for the column of stored fields

_WIDTH_CODES = {array(code).itemsize: code for code in "BHI"}  # 1, 2 and 4 bytes
_BIG_ENDIAN = sys.byteorder == "big"


def _packed(code: str, numbers) -> bytes:
    """Numbers as little-endian bytes, whatever the machine writing them."""
    packed = array(code, numbers)
    if _BIG_ENDIAN:
        packed.byteswap()
    return packed.tobytes()


def _unpacked(code: str, data: bytes) -> array:
    numbers = array(code, data)
    if _BIG_ENDIAN:
        numbers.byteswap()
    return numbers


class CompactPositions(Positions):
    """Positions as packed deltas: one byte saying each delta's width (1, 2 or 4), then the deltas, so that
    decoding is two C calls. Whoosh's Positions pickles a list with a 4-byte count in front of it."""

    def encode(self, poslist) -> bytes:
        if not poslist:
            return b"\x01"
        deltas = [poslist[0], *map(sub, poslist[1:], poslist)]
        top = max(deltas)
        width = 1 if top < 1 << 8 else 2 if top < 1 << 16 else 4
        return bytes((width,)) + _packed(_WIDTH_CODES[width], deltas)

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return list(accumulate(_unpacked(_WIDTH_CODES[valuestring[0]], valuestring[1:])))

    def positions_of_many(self, valuestrings: list[bytes]) -> Iterator[Iterable[int]]:
        """The positions of many postings, one iterable each, decoded without a Python call per posting."""
        if _BIG_ENDIAN:
            return map(self.decode_positions, valuestrings)
        deltas = map(array, map(_WIDTH_CODES.__getitem__, map(itemgetter(0), valuestrings)),
                     map(itemgetter(slice(1, None)), valuestrings))
        return map(accumulate, deltas)

    def decode_frequency(self, valuestring: bytes) -> int:
        return (len(valuestring) - 1) // valuestring[0]


class CompactCodec(W3Codec):
    """Whoosh's W3 codec with compact postings, inlined rare terms and block-compressed stored fields."""

    def __init__(self, blocklimit=128, compression=3, inlinelimit=INLINE_LIMIT):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def postings_writer(self, dbfile, byteids=False):
        return _CompactPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                      compression=self._compression, inlinelimit=self._inlinelimit)

    def field_writer(self, storage, segment):
        return _CompactFieldWriter(self, storage, segment)

    def per_document_writer(self, storage, segment):
        return _BlockStoredWriter(self, storage, segment)

    def per_document_reader(self, storage, segment):
        return _BlockStoredReader(storage, segment)


class _CompactTermInfo(W3TermInfo):
    def to_bytes(self):
        if not self.is_inlined():
            return super().to_bytes()
        # W3's header, then the postings pickled with a current protocol (W3 uses protocol 2)
        minlength = 0 if self._minlength is None else length_to_byte(self._minlength)
        header = self._struct.pack(True, self._weight, self._df, minlength, length_to_byte(self._maxlength),
                                   self._maxweight, self._minid, self._maxid)
        return header + pickle.dumps(self._inlined, PICKLE_PROTOCOL)


class _CompactFieldWriter(W3FieldWriter):
    def start_term(self, btext):
        self._btext = btext
        self._postwriter.start_postings(self._fieldobj.format, _CompactTermInfo())


class _CompactPostingsWriter(W3PostingsWriter):
    def finish_postings(self):
        if not self.written() and len(self) < self._inlinelimit:
            terminfo = self._terminfo
            terminfo.add_block(self)
            # a format without values (Existence) still gives each posting an empty value: Whoosh's reader
            # of inlined postings gives "" (not bytes) for missing ones, which its merging refuses
            terminfo.set_inlined(self._ids, self._whole_weights(), self._values or [b""] * len(self._ids))
            self._terminfo = None
            return terminfo
        return super().finish_postings()

    def _whole_weights(self) -> list:
        return [int(weight) if weight.is_integer() else weight for weight in self._weights]

    def _mini_weights(self):
        weights = self._weights
        first = weights[0]
        if all(weight == first for weight in weights):
            return None if first == 1.0 else first  # as W3 writes them
        return tuple(self._whole_weights())

    def _write_block(self, last=False):
        # W3PostingsWriter._write_block with a current pickle protocol; W3's reader reads either.
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = zlib.compress(pickle.dumps((self._mini_ids(), self._mini_weights(), self._mini_values()),
                                          PICKLE_PROTOCOL), self._compression)
        ids = self._ids
        info = pickle.dumps((len(ids), ids[-1], self._maxweight, self._compression,
                             length_to_byte(self._minlength), length_to_byte(self._maxlength)), PICKLE_PROTOCOL)
        length = len(info) + len(data)
        self._postfile.write_int(-length if last else length)
        self._postfile.write(info)
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()


class _BlockStoredWriter(W3PerDocWriter):
    def _create_column(self, fieldname, column):
        super()._create_column(fieldname, STORED_COLUMN if fieldname == STORED else column)


class _BlockStoredReader(W3PerDocReader):
    def stored_fields(self, docnum):
        return self._cached_reader(STORED, STORED_COLUMN)[docnum] or {}


class BlockCompressedPickleColumn(Column):
    """Per-document values, pickled, compressed a block of documents at a time.

    Layout: the compressed blocks; one offset per block and the end of the last (unsigned 8 bytes each);
    the documents per block and the number of blocks (4 bytes each). A block holds its documents' value
    lengths (4 bytes each), then the values.
    """

    _trailer = struct.Struct("<II")

    def __init__(self, docs_per_block: int = STORED_BLOCK_DOCS, level: int = STORED_LEVEL):
        self._docs_per_block = docs_per_block
        self._level = level

    def writer(self, dbfile):
        return self.Writer(dbfile, self._docs_per_block, self._level)

    def reader(self, dbfile, basepos, length, doccount):
        return self.Reader(dbfile, basepos, length, doccount)

    class Writer(ColumnWriter):
        def __init__(self, dbfile, docs_per_block: int, level: int):
            super().__init__(dbfile)
            self._docs_per_block = docs_per_block
            self._level = level
            self._values: list[bytes] = []
            self._offsets: list[int] = []
            self._written = 0

        def add(self, docnum, value):
            while self._written + len(self._values) < docnum:
                self._append(b"")
            self._append(pickle.dumps(value, PICKLE_PROTOCOL) if value is not None else b"")

        def _append(self, data: bytes) -> None:
            self._values.append(data)
            if len(self._values) == self._docs_per_block:
                self._emit()

        def _emit(self) -> None:
            values = self._values
            self._offsets.append(self._dbfile.tell())
            lengths = _packed("I", map(len, values))
            self._dbfile.write(zlib.compress(lengths + b"".join(values), self._level))
            self._written += len(values)
            self._values = []

        def finish(self, doccount):
            while self._written + len(self._values) < doccount:
                self._append(b"")
            if self._values:
                self._emit()
            self._offsets.append(self._dbfile.tell())
            self._dbfile.write(_packed("Q", self._offsets))
            self._dbfile.write(BlockCompressedPickleColumn._trailer.pack(self._docs_per_block, len(self._offsets) - 1))

    class Reader(ColumnReader):
        def __init__(self, dbfile, basepos, length, doccount):
            super().__init__(dbfile, basepos, length, doccount)
            trailer = BlockCompressedPickleColumn._trailer
            self._docs_per_block, self._blocks = trailer.unpack(dbfile.get(basepos + length - trailer.size,
                                                                          trailer.size))
            self._table = basepos + length - trailer.size - 8 * (self._blocks + 1)
            self._cached_block = -1
            self._cached: list[bytes] = []

        def _block(self, number: int) -> list[bytes]:
            if number != self._cached_block:
                offset, end = _unpacked("Q", self._dbfile.get(self._table + 8 * number, 16))
                data = zlib.decompress(self._dbfile.get(self._basepos + offset, end - offset))
                count = min(self._docs_per_block, self._doccount - number * self._docs_per_block)
                lengths = _unpacked("I", data[: 4 * count])
                bounds = accumulate(lengths, initial=4 * count)
                self._cached = [data[start:stop] for start, stop in pairwise(bounds)]
                self._cached_block = number
            return self._cached

        def __getitem__(self, docnum):
            if not 0 <= docnum < self._doccount:
                raise IndexError(f"document {docnum} of {self._doccount}")
            data = self._block(docnum // self._docs_per_block)[docnum % self._docs_per_block]
            return pickle.loads(data) if data else None

        def __iter__(self):
            for number in range(self._blocks):
                for data in self._block(number):
                    yield pickle.loads(data) if data else None


STORED_COLUMN = BlockCompressedPickleColumn()
