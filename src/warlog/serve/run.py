"""Starting the web app: check the store and the port first, so each failure is one clear
line, then hand the app to uvicorn."""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable

from warlog.errors import ConfigError, StoreError, StoreErrors


def check_port(host: str, port: int) -> None:
    """Fail with a clear message when ``host:port`` cannot be listened on."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ConfigError(
                    f"port {port} on {host} is taken (another warlog serve?); "
                    f"give another with --port, e.g. --port {port + 1}"
                ) from None
            raise ConfigError(f"cannot listen on {host}:{port} ({exc.strerror})") from None


def serve(
    db: str,
    host: str,
    port: int,
    say: Callable[[str], None] = print,
    allow_ingest: bool = False,
) -> None:
    """Open the store read only, build the app and serve it until interrupted. With
    ``allow_ingest`` the store is created if missing, may be empty, and the app takes
    uploads at /ingest."""
    import uvicorn

    from warlog.serve.app import ServeSettings, create_app
    from warlog.serve.store import open_read_only

    if allow_ingest:
        import warlog

        warlog.Warlog(db=db).store.close()  # created (or brought to this schema) for uploads
    store = open_read_only(db)
    try:
        if store.article_count() == 0 and not allow_ingest:
            raise StoreError(StoreErrors.W215, db=db)
        check_port(host, port)
        settings = ServeSettings(db=db, host=host, port=port, allow_ingest=allow_ingest)
        app = create_app(settings, store=store)
        mode = "uploads at /ingest allowed" if allow_ingest else "read only"
        say(f"warlog serve: {store.article_count()} articles from {db}, {mode}")
        say(f"open http://{host}:{port}/ (Ctrl+C stops it)")
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        store.close()
