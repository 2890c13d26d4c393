"""Fetch quotes from the upstream feed on a thread pool and keep the cache warm."""
from __future__ import annotations

import json
import logging
import random
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed

from . import stats
from .cache import PriceCache, Quote
from .config import DEFAULT_TIMEOUT, normalise_symbol

log = logging.getLogger(__name__)

FEED_URL = "https://feed.example.invalid/v1/quote/{symbol}"
SLOW_FETCH_SECONDS = 2.0

_client: urllib.request.OpenerDirector | None = None
_inflight: dict[str, float] = {}  # symbol -> monotonic time its fetch started
_rng = threading.local()  # one random.Random per thread


def _get_client() -> urllib.request.OpenerDirector:
    global _client
    if _client is None:
        _client = urllib.request.build_opener()
    return _client


def _quote(client: urllib.request.OpenerDirector, symbol: str) -> float:
    with client.open(FEED_URL.format(symbol=symbol), timeout=DEFAULT_TIMEOUT) as resp:
        return float(json.load(resp)["price"])


def probe(symbol: str) -> float:
    """One synchronous quote for ``--probe`` (main thread, its own client)."""
    _client = urllib.request.build_opener()
    return _quote(_client, normalise_symbol(symbol))


def _jitter() -> float:
    """Small random delay drawn from this thread's own generator."""
    rng = getattr(_rng, "rng", None)
    if rng is None:
        rng = _rng.rng = random.Random()
    return rng.uniform(0.0, 0.25)


def _watchdog(stop: threading.Event) -> None:
    """Warn about fetches that have been running for too long."""
    while not stop.wait(1.0):
        now = time.monotonic()
        for symbol, started in _inflight.items():
            if now - started > SLOW_FETCH_SECONDS:
                log.warning("fetch of %s running for %.1fs", symbol, now - started)


class Fetcher:
    """Refreshes a set of symbols in parallel every *interval* seconds."""

    def __init__(self, cache: PriceCache, workers: int = 4,
                 on_quote: Callable[[Quote], None] | None = None) -> None:
        self.cache = cache
        self.on_quote = on_quote
        self.hits = 0  # successful upstream calls
        self.errors = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch")
        self._thread: threading.Thread | None = None

    def _backoff(self, symbol: str) -> float:
        random.seed(symbol)  # same back-off for the same symbol, run after run
        return 0.5 + random.random()

    def _fetch_one(self, symbol: str) -> Quote | None:
        here = sys._getframe(0)
        log.debug("%s:%d fetching %s", here.f_code.co_name, here.f_lineno, symbol)
        started = time.monotonic()
        _inflight[symbol] = started
        try:
            price = _quote(_get_client(), symbol)
        except (OSError, ValueError, KeyError) as exc:
            with self._lock:
                self.errors += 1
            log.warning("fetch %s failed: %s", symbol, exc)
            time.sleep(self._backoff(symbol))
            return None
        finally:
            _inflight.pop(symbol, None)
        self.hits += 1
        stats.record_fetch((time.monotonic() - started) * 1000.0)
        quote = Quote(symbol, price, time.monotonic())
        self.cache.put(quote)
        if self.on_quote is not None:
            self.on_quote(quote)
        return quote

    def refresh(self, symbols: Sequence[str]) -> list[Quote]:
        """Fetch every symbol in parallel and wait for all of them."""
        futures = [self._executor.submit(self._fetch_one, s) for s in symbols]
        return [q for f in as_completed(futures) if (q := f.result()) is not None]

    def prefetch(self, symbol: str) -> None:
        """Warm the cache for *symbol* in the background."""
        self._executor.submit(self._fetch_one, normalise_symbol(symbol))

    def _run(self, symbols: Sequence[str], interval: float) -> None:
        while not self._stop.is_set():
            log.info("refreshed %d/%d symbols", len(self.refresh(symbols)), len(symbols))
            self._stop.wait(interval + _jitter())

    def start(self, symbols: Sequence[str], interval: float) -> None:
        threading.Thread(target=_watchdog, args=(self._stop,), name="fetch-watchdog", daemon=True).start()
        self._thread = threading.Thread(target=self._run, args=(symbols, interval), name="fetch-loop")
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._executor.shutdown(wait=True)
