"""SQLite persistence: one writer thread for history, per-thread connections for readers."""
from __future__ import annotations

import logging
import queue
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

from .cache import Quote

log = logging.getLogger(__name__)

SCHEMA = "CREATE TABLE IF NOT EXISTS history (symbol TEXT, price REAL, fetched_at REAL)"


class PriceStore:
    """Read access to the history table; each thread opens its own connection."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = sqlite3.connect(self.path)
        return conn

    def last_price(self, symbol: str) -> float | None:
        sql = "SELECT price FROM history WHERE symbol = ? ORDER BY fetched_at DESC LIMIT 1"
        row = self._conn().execute(sql, (symbol,)).fetchone()
        return row[0] if row else None


class HistoryWriter(threading.Thread):
    """The only thread that writes history; producers hand quotes over through a queue."""

    def __init__(self, path: str) -> None:
        super().__init__(name="history-writer", daemon=True)
        self.path = path
        self.written = 0
        self._queue: queue.Queue[Quote | None] = queue.Queue(maxsize=10_000)

    def submit(self, quote: Quote) -> None:
        self._queue.put(quote)

    def close(self) -> None:
        self._queue.put(None)
        self.join()

    def run(self) -> None:
        conn = sqlite3.connect(self.path)
        conn.execute(SCHEMA)
        while (quote := self._queue.get()) is not None:
            try:
                with conn:
                    conn.execute("INSERT INTO history VALUES (?, ?, ?)",
                                 (quote.symbol, quote.price, quote.fetched_at))
            except sqlite3.Error as exc:
                log.error("could not store %s: %s", quote.symbol, exc)
                continue
            self.written += 1
        conn.close()


def check_history(path: str, symbols: tuple[str, ...]) -> dict[str, float | None]:
    """Read the last stored price of each symbol, two reader threads at a time."""
    store = PriceStore(path)
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="history-read") as pool:
        return dict(zip(symbols, pool.map(store.last_price, symbols)))
