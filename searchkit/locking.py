"""One writer at a time per index folder.

An flock on index/.lock: the kernel releases it when the holder dies, so a lock left by a killed
process is recovered without any clean-up. The holder writes its pid in the file so that a waiting
process can say who it is waiting for.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time
from contextlib import contextmanager
from pathlib import Path

from searchkit.errors import IndexProblem

POLL_SECONDS = 0.1


@contextmanager
def writer_lock(lock_path: Path, timeout: float, purpose: str = "searchkit index"):
    handle = os.fdopen(_open_lock_file(lock_path), "r+", encoding="utf-8")
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexProblem(
                        f"{lock_path.parent}: another process is writing this index ({_holder(lock_path)}); "
                        f"gave up after {timeout:g} s"
                    ) from None
                time.sleep(POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()} {purpose}\n")
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the flock


def _open_lock_file(lock_path: Path) -> int:
    """Open (or create, owner-only) the lock file without following a symbolic link: a `.lock` planted as a
    link to another file must never make searchkit truncate that file."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(lock_path, flags, 0o600)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IndexProblem(f"{lock_path.parent}: refusing {lock_path.name}: it is a symbolic link") from None
        raise IndexProblem(f"{lock_path.parent}: cannot open {lock_path.name}: {exc.strerror}") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
        os.close(fd)
        raise IndexProblem(f"{lock_path.parent}: refusing {lock_path.name}: not a regular file of this user")
    return fd


def _holder(lock_path: Path) -> str:
    try:
        text = lock_path.read_text(encoding="utf-8").strip()
    except OSError:
        text = ""
    if not text:
        return "holder unknown"
    pid, _, purpose = text.partition(" ")
    return f"pid {pid}: {purpose}" if purpose else f"pid {pid}"
