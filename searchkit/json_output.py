"""The JSON text searchkit prints: `--json` on the command line and the web page's /api endpoints share it."""

from __future__ import annotations

import json
import re

_DEL_AND_C1 = re.compile(r"[\x7f-\x9f]")


def json_text(data) -> str:
    """Indented UTF-8 JSON; DEL and C1 controls escaped, because JSON allows them raw but a terminal acts on them."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _DEL_AND_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
