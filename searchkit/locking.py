"""One writer at a time per index folder.

An flock on index/.lock: the kernel releases it when the holder dies, so a lock left by a killed
process is recovered without any clean-up. The holder writes its pid in the file so that a waiting
process can say who it is waiting for.
"""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path

from searchkit.errors import IndexProblem

POLL_SECONDS = 0.1


@contextmanager
def writer_lock(lock_path: Path, timeout: float, purpose: str = "searchkit index"):
    handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole block
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


def _holder(lock_path: Path) -> str:
    try:
        text = lock_path.read_text(encoding="utf-8").strip()
    except OSError:
        text = ""
    if not text:
        return "holder unknown"
    pid, _, purpose = text.partition(" ")
    return f"pid {pid}: {purpose}" if purpose else f"pid {pid}"
