"""A per-article time budget (``analysis_seconds``): an article whose parse or extractors
run longer is stopped and reported (W501), and the batch goes on.

The budget is a real-time interval timer (SIGALRM), so it stops pure-Python work wherever it
is; it applies in the main thread of a Unix process (a serial ``warlog ingest``,
``warlog.read``). Elsewhere (Dask worker threads, Windows) the analysis runs unbounded.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from warlog import settings


class OverBudget(BaseException):
    """Raised inside an analysis that ran past its budget; a BaseException, so that no
    ``except Exception`` in an extractor swallows it."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"analysis ran past its budget of {seconds:g} s")
        self.seconds = seconds


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None = None) -> Iterator[None]:
    """Run the block with at most ``seconds`` (default: the ``analysis_seconds`` setting; 0
    or less: no budget); past it, OverBudget is raised inside the block."""
    limit = float(settings.get_int("analysis_seconds")) if seconds is None else seconds
    if limit <= 0 or not _can_time():
        yield
        return

    def expire(_signum: int, _frame: Any) -> None:
        raise OverBudget(limit)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
