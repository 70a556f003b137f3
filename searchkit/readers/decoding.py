"""Text decoding shared by the readers: UTF-8 first, and cp1252 for whatever bytes are not UTF-8.

Archives often mix the two (a spreadsheet re-save, a scraper that changed hands), so the fallback is per
byte run rather than per file: valid UTF-8 stays UTF-8 and a stray 0xB4 becomes the cp1252 accent.
"""

from __future__ import annotations

import codecs

_HANDLER = "searchkit-cp1252-fallback"
BINARY_SNIFF_BYTES = 8192


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    bad = error.object[error.start : error.end]
    # cp1252 leaves five bytes undefined; latin-1 maps every byte, so nothing is ever lost.
    text = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad)
    return text, error.end


codecs.register_error(_HANDLER, _cp1252_fallback)


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8 (dropping a BOM), reading non-UTF-8 byte runs as cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    return data.decode("utf-8", errors=_HANDLER)


def looks_binary(data: bytes) -> bool:
    """A NUL byte near the start means this is not a text file."""
    return b"\x00" in data[:BINARY_SNIFF_BYTES]
