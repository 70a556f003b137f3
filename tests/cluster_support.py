"""Two real searchd nodes for the cluster tests: configured by `searchkit cluster config`, started with
`searchd --config`, stopped (or killed, for the fault tests) by the pids in their pid files."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

# One distributed index per use, so they never mix.
INDEXES = ("parity", "parity2", "faults", "killed", "reuters", "synthetic")
START_SECONDS = 20.0


class ClusterNodes:
    def __init__(self, folder: Path, addresses: list[str], shards: int = 2):
        self.folder = folder
        self.addresses = addresses
        command = [sys.executable, "-m", "searchkit", "cluster", "config", "--shards", str(shards),
                   "--dir", str(folder)]
        for address in addresses:
            command += ["--node", address]
        for name in INDEXES:
            command += ["--name", name]
        subprocess.run(command, check=True, capture_output=True, text=True)
        self.configs = [folder / f"node{number}" / "searchd.conf" for number in range(1, len(addresses) + 1)]

    def url(self, index: str, node: int = 0) -> str:
        return f"sphinx://{self.addresses[node]}/{index}"

    def start_all(self) -> None:
        for number in range(len(self.addresses)):
            self.start(number)

    def start(self, number: int) -> None:
        subprocess.run(["searchd", "--config", str(self.configs[number])], check=True, capture_output=True)
        host, port = self.addresses[number].rsplit(":", 1)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection((host, int(port)), timeout=0.5):
                return
            time.sleep(0.05)
        raise RuntimeError(f"searchd at {self.addresses[number]} did not start")

    def pid(self, number: int) -> int | None:
        try:
            return int((self.configs[number].parent / "searchd.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def kill(self, number: int) -> None:
        """Stop a node abruptly (SIGKILL), as a crash or a pulled cable would."""
        self._signal(number, signal.SIGKILL)

    def stop(self, number: int) -> None:
        self._signal(number, signal.SIGTERM)

    def stop_all(self) -> None:
        for number in range(len(self.addresses)):
            self.stop(number)

    def _signal(self, number: int, sig: int) -> None:
        pid = self.pid(number)
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        with contextlib.suppress(OSError):
            (self.configs[number].parent / "searchd.pid").unlink()
