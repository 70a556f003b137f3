"""The on-disk layout of an index folder, shared by the indexer and the searcher.

    index/
      CURRENT            name of the live generation; replaced atomically to swap a rebuild in
      gen-000002/        a Whoosh index plus searchkit.json (schema version, sources, per-file state)
      gen-000003.building/  a rebuild in progress; removed by the next run if it was interrupted
      .lock              held (flock) by the one process writing; names its pid

A searcher holds a shared flock on the generation folder it reads; the writer removes a superseded
generation only when it can lock it exclusively, so `--rebuild` does not leave the old one on disk forever.

Whoosh stores pickles, so an index folder is code: it is created owner-only and is opened only when
it and its files are owned by this user and not writable by group or others (unless trusted explicitly).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
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
CURRENT_MAX_BYTES = 256  # a generation name and a newline; anything longer is not a CURRENT file


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
    """A CURRENT entry of any kind (a FIFO or a link too: read_current refuses those with one line)."""
    return os.path.lexists(index_dir / CURRENT_FILE)


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
        name = read_current(index_dir)
    except FileNotFoundError:
        if is_vacant(index_dir):
            raise IndexProblem(f"{index_dir}: no index here; build one with `searchkit index`") from None
        if any(p.name.startswith(GENERATION_PREFIX) for p in index_dir.iterdir()):
            raise IndexProblem(
                f"{index_dir}: no finished index here (no {CURRENT_FILE} file; an earlier `searchkit index` "
                "was interrupted or its CURRENT file was removed); run `searchkit index --rebuild CORPUS`"
            ) from None
        raise IndexProblem(f"{index_dir}: not a searchkit index (no {CURRENT_FILE} file)") from None
    except OSError as exc:
        raise IndexProblem(f"{index_dir}: cannot read {CURRENT_FILE}: {exc.strerror or exc}") from None
    problem = _generation_problem(index_dir, name)
    if problem:
        raise IndexProblem(f"{index_dir}: {CURRENT_FILE} {problem}; {REBUILD_HINT}")
    return index_dir / name


def read_current(index_dir: Path) -> str:
    """The text of CURRENT, read safely: never through a symlink, never from a FIFO or device (which would
    block or never end), at most CURRENT_MAX_BYTES. Raises IndexProblem when it is not a small text file."""
    path = index_dir / CURRENT_FILE
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IndexProblem(f"{index_dir}: refusing {CURRENT_FILE}: it is a symbolic link") from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise IndexProblem(f"{index_dir}: refusing {CURRENT_FILE}: not a regular file")
        data = os.read(fd, CURRENT_MAX_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > CURRENT_MAX_BYTES:
        raise IndexProblem(f"{index_dir}: damaged {CURRENT_FILE} file (over {CURRENT_MAX_BYTES} bytes); {REBUILD_HINT}")
    try:
        return data.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise IndexProblem(f"{index_dir}: damaged {CURRENT_FILE} file (not text); {REBUILD_HINT}") from None


def _generation_problem(index_dir: Path, name: str) -> str | None:
    """Why CURRENT's text cannot name the live generation, or None when it can."""
    shown = name if len(name) <= 60 else name[:60] + "..."
    if not name.startswith(GENERATION_PREFIX) or name.endswith(BUILDING_SUFFIX) or "/" in name or "\0" in name:
        return f"names no generation of this folder ({shown!r})"
    try:
        info = os.lstat(index_dir / name)
    except OSError:
        return f"names a missing generation {shown!r}"
    if stat.S_ISLNK(info.st_mode):
        return f"names {shown!r}, a symbolic link (refused: a generation must be a folder inside the index)"
    if not stat.S_ISDIR(info.st_mode):
        return f"names {shown!r}, which is not a folder"
    return None


def live_generation_name(index_dir: Path) -> str | None:
    """The generation CURRENT names, or None when CURRENT is missing, unreadable or names no finished generation."""
    try:
        name = read_current(index_dir)
    except (OSError, IndexProblem):
        return None
    return None if _generation_problem(index_dir, name) else name


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
    try:
        with open(temp, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def switch_current(index_dir: Path, generation: Path) -> None:
    replace_file(index_dir / CURRENT_FILE, generation.name + "\n")


def make_private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_uid == os.geteuid():
        os.chmod(path, 0o700)


def check_trusted(index_dir: Path, generation: Path | None) -> None:
    """Refuse an index someone else could have written: loading it would run their pickles.

    With generation None only the folder and CURRENT are checked. Nothing is opened: this runs before
    CURRENT is read and before the lock file is created."""
    paths = [index_dir, index_dir / CURRENT_FILE, *([generation, *generation.iterdir()] if generation else [])]
    for path in paths:
        try:
            info = path.stat() if path == index_dir else path.lstat()
        except OSError:
            continue  # a file removed by a concurrent writer is not a risk
        where = path.relative_to(index_dir.parent) if path != index_dir else index_dir
        if info.st_uid != os.geteuid():
            raise IndexProblem(
                f"{index_dir}: refusing to open: {where} is owned by another user (uid {info.st_uid}); "
                "index files contain pickles that run code when loaded; pass --trust-index if you trust it"
            )
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not stat.S_ISLNK(info.st_mode):
            raise IndexProblem(
                f"{index_dir}: refusing to open: {where} is writable by group or others; "
                "index files contain pickles that run code when loaded; "
                f"run `chmod -R go-w {index_dir}` or pass --trust-index"
            )
    if generation is not None:
        refuse_links(index_dir, generation)


def refuse_links(index_dir: Path, generation: Path) -> None:
    """A generation and its files are real files inside the index folder; a symbolic link could lead
    Whoosh to load pickles from anywhere (checked even with --trust-index)."""
    for path in [generation, *generation.iterdir()]:
        if path.is_symlink():
            raise IndexProblem(f"{index_dir}: refusing to open: {path.relative_to(index_dir)} is a symbolic link")


class GenerationGone(IndexProblem):
    """The generation a searcher was about to read is being removed by a writer; read CURRENT again."""


def hold_generation(generation: Path) -> int:
    """A shared flock on the generation folder, held while a searcher reads it (close the fd to let go)."""
    try:
        fd = os.open(generation, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError as exc:
        raise GenerationGone(f"{generation.parent}: cannot open {generation.name}: {exc.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise GenerationGone(f"{generation.parent}: {generation.name} is being removed") from None
    return fd


def remove_if_unused(path: Path) -> bool:
    """Remove a superseded generation (or a leftover of one) unless a searcher still holds it."""
    if path.is_symlink() or not path.is_dir():
        with contextlib.suppress(OSError):
            path.unlink()
        return True
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return False
    try:
        shutil.rmtree(path, ignore_errors=True)
    finally:
        os.close(fd)
    return True


def folder_size(folder: Path) -> int:
    """Bytes of every file below folder (all generations, leftovers included), links not followed."""
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(root, name)).st_size
    return total
