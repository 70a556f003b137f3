"""The on-disk layout of an index folder, shared by the indexer and the searcher.

    index/
      CURRENT            name of the live generation; replaced atomically to swap a rebuild in
      gen-000002/        a Whoosh index plus searchkit.json (schema version, sources, per-file state)
      gen-000003.building/  a rebuild in progress; removed by the next run if it was interrupted
      .lock              held (flock) by the one process writing; names its pid

Whoosh stores pickles, so an index folder is code: it is created owner-only and is opened only when
it and its files are owned by this user and not writable by group or others (unless trusted explicitly).
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import asdict, dataclass, field
from pathlib import Path

from searchkit.errors import IndexProblem

CURRENT_FILE = "CURRENT"
META_FILE = "searchkit.json"
LOCK_FILE = ".lock"
GENERATION_PREFIX = "gen-"
BUILDING_SUFFIX = ".building"
REBUILD_HINT = "run `searchkit index --rebuild`"


@dataclass
class SourceSpec:
    """A path given to `searchkit index`, with the options it is read with."""

    path: str
    format: str = "auto"
    dayfirst: bool = False
    column_map: dict[str, str] = field(default_factory=dict)


@dataclass
class FileState:
    """What the last run saw of one corpus file, so an unchanged file need not be read again."""

    mtime_ns: int
    size: int
    articles: int
    skipped: int = 0


@dataclass
class IndexMeta:
    schema_version: int
    sources: list[SourceSpec] = field(default_factory=list)
    files: dict[str, FileState] = field(default_factory=dict)
    empty_sources: list[str] = field(default_factory=list)  # sources where no readable article was found
    ignored: list[str] = field(default_factory=list)  # files passed over as not articles (warned about once)
    created: str = ""
    updated: str = ""

    @property
    def skipped(self) -> int:
        return sum(state.skipped for state in self.files.values()) + len(self.empty_sources)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> IndexMeta:
        raw = json.loads(text)
        return cls(
            schema_version=raw["schema_version"],
            sources=[SourceSpec(**s) for s in raw.get("sources", [])],
            files={path: FileState(**state) for path, state in raw.get("files", {}).items()},
            empty_sources=raw.get("empty_sources", []),
            ignored=raw.get("ignored", []),
            created=raw.get("created", ""),
            updated=raw.get("updated", ""),
        )


def has_index(index_dir: Path) -> bool:
    return (index_dir / CURRENT_FILE).is_file()


def is_vacant(index_dir: Path) -> bool:
    """True when no index has been built here yet (missing, or holding only hidden placeholder files)."""
    if not index_dir.exists():
        return True
    return index_dir.is_dir() and all(p.name.startswith(".") for p in index_dir.iterdir())


def current_generation(index_dir: Path) -> Path:
    if not index_dir.exists():
        raise IndexProblem(f"{index_dir}: no index here; build one with `searchkit index`")
    if not index_dir.is_dir():
        raise IndexProblem(f"{index_dir}: not a folder")
    try:
        name = (index_dir / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        if is_vacant(index_dir):
            raise IndexProblem(f"{index_dir}: no index here; build one with `searchkit index`") from None
        if any(p.name.startswith(GENERATION_PREFIX) for p in index_dir.iterdir()):
            raise IndexProblem(
                f"{index_dir}: no finished index here (no {CURRENT_FILE} file; an earlier `searchkit index` "
                "was interrupted or its CURRENT file was removed); run `searchkit index --rebuild CORPUS`"
            ) from None
        raise IndexProblem(f"{index_dir}: not a searchkit index (no {CURRENT_FILE} file)") from None
    except UnicodeDecodeError:
        raise IndexProblem(f"{index_dir}: damaged {CURRENT_FILE} file (not text); {REBUILD_HINT}") from None
    except OSError as exc:
        raise IndexProblem(f"{index_dir}: cannot read {CURRENT_FILE}: {exc.strerror or exc}") from None
    if live_generation_name(index_dir) != name:
        shown = name if len(name) <= 60 else name[:60] + "..."
        raise IndexProblem(f"{index_dir}: {CURRENT_FILE} names a missing generation {shown!r}; {REBUILD_HINT}")
    return index_dir / name


def live_generation_name(index_dir: Path) -> str | None:
    """The generation CURRENT names, or None when CURRENT is missing, unreadable or names no finished generation."""
    try:
        name = (index_dir / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    valid = (
        name.startswith(GENERATION_PREFIX)
        and not name.endswith(BUILDING_SUFFIX)
        and "/" not in name
        and (index_dir / name).is_dir()
    )
    return name if valid else None


def read_meta(generation: Path) -> IndexMeta:
    try:
        return IndexMeta.from_json((generation / META_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexProblem(
            f"{generation.parent}: not a searchkit index (no {META_FILE}); {REBUILD_HINT} CORPUS"
        ) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexProblem(
            f"{generation.parent}: damaged {META_FILE} ({exc}); {REBUILD_HINT} CORPUS (it held the list of sources)"
        ) from None


def write_meta(generation: Path, meta: IndexMeta) -> None:
    replace_file(generation / META_FILE, meta.to_json())


def replace_file(path: Path, text: str) -> None:
    """Write a small file so that readers see either the old or the new content, never a torn one."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(temp, 0o600)
    os.replace(temp, path)


def switch_current(index_dir: Path, generation: Path) -> None:
    replace_file(index_dir / CURRENT_FILE, generation.name + "\n")


def make_private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_uid == os.geteuid():
        os.chmod(path, 0o700)


def check_trusted(index_dir: Path, generation: Path | None) -> None:
    """Refuse an index someone else could have written: loading it would run their pickles.

    With generation None only the folder and CURRENT are checked."""
    paths = [index_dir, index_dir / CURRENT_FILE, *([generation, *generation.iterdir()] if generation else [])]
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue  # a file removed by a concurrent writer is not a risk
        where = path.relative_to(index_dir.parent) if path != index_dir else index_dir
        if info.st_uid != os.geteuid():
            raise IndexProblem(
                f"{index_dir}: refusing to open: {where} is owned by another user (uid {info.st_uid}); "
                "index files contain pickles that run code when loaded; pass --trust-index if you trust it"
            )
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise IndexProblem(
                f"{index_dir}: refusing to open: {where} is writable by group or others; "
                "index files contain pickles that run code when loaded; "
                f"run `chmod -R go-w {index_dir}` or pass --trust-index"
            )
