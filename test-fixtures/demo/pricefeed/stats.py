"""Fetch-latency statistics: a rolling window folded into running totals."""
from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)

WINDOW_SECONDS = 60.0
FLUSH_SECONDS = 15.0

_totals_lock = threading.Lock()
_window_lock = threading.Lock()
_fetches_ok = 0
_total_ms = 0.0
_window: list[float] = []


def record_fetch(latency_ms: float) -> None:
    """Called by the fetch workers after every successful upstream call."""
    global _fetches_ok
    with _totals_lock:
        _fetches_ok += 1
    with _window_lock:
        _window.append(latency_ms)


def summary() -> dict[str, float]:
    with _totals_lock:
        return {"fetches_ok": _fetches_ok, "total_ms": round(_total_ms, 1)}


def _flush_once() -> None:
    with _totals_lock:
        with _window_lock:
            pending = len(_window)
        log.info("fetches=%d total_ms=%.0f pending=%d", _fetches_ok, _total_ms, pending)


def _rotate_window() -> None:
    """Move the finished window into the totals."""
    global _window, _total_ms
    with _window_lock:
        finished, _window = _window, []
        with _totals_lock:
            _total_ms += sum(finished)


def _flush_loop(stop: threading.Event) -> None:
    while not stop.wait(FLUSH_SECONDS):
        _flush_once()


def _rotate_loop(stop: threading.Event) -> None:
    while not stop.wait(WINDOW_SECONDS):
        _rotate_window()


def start_background(stop: threading.Event) -> list[threading.Thread]:
    """Start the flush and rotate threads; they exit when *stop* is set."""
    threads = [
        threading.Thread(target=_flush_loop, args=(stop,), name="stats-flush", daemon=True),
        threading.Thread(target=_rotate_loop, args=(stop,), name="stats-rotate", daemon=True),
    ]
    for thread in threads:
        thread.start()
    return threads
