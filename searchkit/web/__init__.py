"""The web page (`searchkit serve`): a Starlette app over SearchEngine, served by uvicorn.

Needs the `web` extra (`pip install -e '.[web]'`); nothing here is imported unless the page is served.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
from collections.abc import Callable
from pathlib import Path

from searchkit.errors import UsageError

WEB_EXTRA_HINT = "pip install -e '.[web]'"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(index_dir: str | Path, *, host: str = "127.0.0.1", port: int = 8080, trust: bool = False,
          on_ready: Callable[[str], None] | None = None) -> None:
    """Serve index_dir until interrupted. on_ready gets the page's URL once it accepts connections
    (port 0 picks a free port, so the URL is the only place it shows)."""
    try:
        import uvicorn

        from searchkit.web.app import create_app
    except ImportError as exc:
        raise UsageError(f"searchkit serve needs {exc.name}: install the web extra with {WEB_EXTRA_HINT}") from None
    listener = _listen(host, port)
    bound_port = listener.getsockname()[1]
    shown_host = f"[{host}]" if ":" in host else host
    app = create_app(index_dir, trust=trust, loopback_only=is_loopback(host))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
    if on_ready:
        on_ready(f"http://{shown_host}:{bound_port}/")
    # uvicorn shuts down gracefully on Ctrl-C, then passes it on; stopping is what the user asked for.
    with contextlib.suppress(KeyboardInterrupt):
        server.run(sockets=[listener])


def _listen(host: str, port: int) -> socket.socket:
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        listener = socket.socket(family, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(128)
    except OSError as exc:
        raise UsageError(f"--host {host} --port {port}: cannot listen there ({exc.strerror or exc})") from None
    return listener
