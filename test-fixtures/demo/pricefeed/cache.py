"""In-memory quote cache shared by the fetch workers and the HTTP handler threads."""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Quote:
    symbol: str
    price: float
    fetched_at: float


class PriceCache:
    """Quotes with a time-to-live. ``_lock`` guards the quotes, ``_stats_lock`` the
    counters; when both are needed ``_lock`` is always taken first."""

    def __init__(self, ttl: float = 30.0) -> None:
        self._lock = threading.Lock()
        self._stats_lock = threading.Lock()
        self._quotes: dict[str, Quote] = {}
        self.ttl = ttl
        self.hits = 0
        self.misses = 0

    def get(self, symbol: str) -> Quote | None:
        now = time.monotonic()
        with self._lock:
            quote = self._quotes.get(symbol)
            fresh = quote is not None and now - quote.fetched_at <= self.ttl
            with self._stats_lock:
                if fresh:
                    self.hits += 1
                else:
                    self.misses += 1
        return quote if fresh else None

    def put(self, quote: Quote) -> None:
        with self._lock:
            self._quotes[quote.symbol] = quote

    def evict_expired(self) -> int:
        """Drop stale quotes; returns how many were removed."""
        now = time.monotonic()
        with self._lock:
            stale = [s for s, q in self._quotes.items() if now - q.fetched_at > self.ttl]
            for symbol in stale:
                del self._quotes[symbol]
        return len(stale)

    def stats(self) -> dict[str, int]:
        with self._lock:
            with self._stats_lock:
                return {"size": len(self._quotes), "hits": self.hits, "misses": self.misses}


_default_cache: PriceCache | None = None
_default_lock = threading.Lock()


def get_default_cache() -> PriceCache:
    """The process-wide cache, created exactly once (double-checked locking)."""
    global _default_cache
    if _default_cache is None:
        with _default_lock:
            if _default_cache is None:
                _default_cache = PriceCache()
    return _default_cache


def start_evictor(cache: PriceCache, stop: threading.Event, interval: float = 5.0) -> threading.Thread:
    """Evict stale quotes every *interval* seconds until *stop* is set."""

    def evict_loop() -> None:
        while not stop.wait(interval):
            if removed := cache.evict_expired():
                log.debug("evicted %d stale quotes", removed)

    thread = threading.Thread(target=evict_loop, name="cache-evictor", daemon=True)
    thread.start()
    return thread
