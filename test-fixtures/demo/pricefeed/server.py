"""HTTP API: GET /price/<symbol>, GET /stats, POST /override/<symbol>."""
from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import stats
from .cache import get_default_cache
from .config import AUDIT_DB_PATH, normalise_symbol

log = logging.getLogger(__name__)

REQUESTS_SERVED = 0
STATUS_COUNTS: dict[int, int] = {}
_bytes_sent = 0
_counter_lock = threading.Lock()
_overrides: dict[str, float] = {}  # manual prices set through POST /override

_audit_db = sqlite3.connect(AUDIT_DB_PATH, check_same_thread=False)
_audit_db.execute("CREATE TABLE IF NOT EXISTS audit (ts REAL, client TEXT, symbol TEXT, price REAL)")


class PriceHandler(BaseHTTPRequestHandler):
    server_version = "pricefeed/0.3"

    def do_GET(self) -> None:
        global REQUESTS_SERVED
        REQUESTS_SERVED += 1
        if self.path == "/stats":
            with _counter_lock:
                sent = _bytes_sent
            self._send_json(200, {"requests": REQUESTS_SERVED, "bytes_sent": sent,
                                  "cache": get_default_cache().stats(), "fetch": stats.summary()})
            return
        try:
            symbol = normalise_symbol(self.path.rpartition("/")[2])
        except ValueError as exc:
            self._send_json(400, {"error": str(exc)})
            return
        if (price := _overrides.get(symbol)) is not None:
            self._send_json(200, {"symbol": symbol, "price": price, "override": True})
        elif (quote := get_default_cache().get(symbol)) is not None:
            self._send_json(200, {"symbol": quote.symbol, "price": quote.price})
        else:
            self.server.on_miss(symbol)  # type: ignore[attr-defined]
            self._send_json(404, {"error": f"no fresh quote for {symbol}, fetching"})

    def do_POST(self) -> None:
        try:
            symbol = normalise_symbol(self.path.rpartition("/")[2])
            length = int(self.headers.get("Content-Length", "0"))
            price = float(json.loads(self.rfile.read(length))["price"])
        except (ValueError, KeyError, TypeError):
            self._send_json(400, {"error": 'expected {"price": <number>}'})
            return
        _overrides[symbol] = price
        _audit_db.execute("INSERT INTO audit VALUES (?, ?, ?, ?)",
                          (time.time(), self.client_address[0], symbol, price))
        _audit_db.commit()
        self._send_json(201, {"symbol": symbol, "price": price})

    def _send_json(self, code: int, payload: dict[str, object]) -> None:
        global _bytes_sent
        body = json.dumps(payload).encode()
        STATUS_COUNTS[code] = STATUS_COUNTS.get(code, 0) + 1
        with _counter_lock:
            _bytes_sent += len(body)
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(host: str, port: int, on_miss: Callable[[str], None]) -> ThreadingHTTPServer:
    """Create the HTTP server; every request runs in its own thread."""
    httpd = ThreadingHTTPServer((host, port), PriceHandler)
    httpd.on_miss = on_miss  # type: ignore[attr-defined]
    log.info("listening on http://%s:%d", host, port)
    return httpd
