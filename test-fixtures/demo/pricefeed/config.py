"""Static settings and command-line parsing (main thread, before any worker starts)."""
from __future__ import annotations

import argparse
import functools
from dataclasses import dataclass

DEFAULT_TIMEOUT = 5
DEFAULT_PORT = 8099
DEFAULT_WORKERS = 4
AUDIT_DB_PATH = "pricefeed-audit.sqlite3"
SYMBOLS = ("BTC-USD", "ETH-USD", "EUR-USD", "XAU-USD")
QUOTE_CURRENCIES = frozenset({"USD", "EUR", "GBP"})


@dataclass(frozen=True, slots=True)
class Settings:
    host: str
    port: int
    workers: int
    interval: float
    db_path: str
    symbols: tuple[str, ...]
    probe: str | None


@functools.lru_cache(maxsize=256)
def normalise_symbol(raw: str) -> str:
    """Canonical ticker form: "btc/usd" -> "BTC-USD". Pure function of its argument."""
    base, _, quote = raw.strip().upper().replace("/", "-").partition("-")
    if quote and quote not in QUOTE_CURRENCIES:
        raise ValueError(f"unsupported quote currency: {quote}")
    return f"{base}-{quote or 'USD'}"


def parse_args(argv: list[str] | None = None) -> Settings:
    """Build the immutable Settings from the command line."""
    parser = argparse.ArgumentParser(prog="pricefeed", description="Price cache and HTTP API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--interval", type=float, default=10.0, help="seconds between refreshes")
    parser.add_argument("--db", default="pricefeed.sqlite3", help="history database")
    parser.add_argument("--symbols", default=",".join(SYMBOLS))
    parser.add_argument("--probe", metavar="SYMBOL", help="fetch one quote and exit")
    ns = parser.parse_args(argv)
    symbols = tuple(normalise_symbol(s) for s in ns.symbols.split(",") if s.strip())
    return Settings(ns.host, ns.port, ns.workers, ns.interval, ns.db, symbols, ns.probe)
