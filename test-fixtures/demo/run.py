#!/usr/bin/env python3
"""Start pricefeed: fetch workers, statistics, history writer and the HTTP API."""
from __future__ import annotations

import logging
import os
import threading
import time

from pricefeed import native, stats
from pricefeed.cache import Quote, get_default_cache, start_evictor
from pricefeed.config import parse_args
from pricefeed.fetcher import Fetcher, probe
from pricefeed.server import serve
from pricefeed.storage import HistoryWriter, check_history

log = logging.getLogger("pricefeed")


def main(argv: list[str] | None = None) -> int:
    settings = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(threadName)s %(name)s: %(message)s")
    os.environ["TZ"] = "UTC"  # set before any thread exists
    if hasattr(time, "tzset"):
        time.tzset()
    if settings.probe:
        log.info("%s = %.4f", settings.probe, probe(settings.probe))
        return 0
    writer = HistoryWriter(settings.db_path)
    writer.start()

    def on_quote(quote: Quote) -> None:
        writer.submit(quote)
        native.publish(quote.symbol, quote.price)

    stop = threading.Event()
    cache = get_default_cache()
    fetcher = Fetcher(cache, settings.workers, on_quote=on_quote)
    threads = [*stats.start_background(stop), start_evictor(cache, stop)]
    fetcher.start(settings.symbols, settings.interval)
    log.info("native self-check: %s", native.self_check(settings.symbols, [[1.0, 2.5], [3.25]]))
    httpd = serve(settings.host, settings.port, on_miss=fetcher.prefetch)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        log.info("shutting down")
    finally:
        httpd.server_close()
        stop.set()
        fetcher.stop()
        writer.close()
        for thread in threads:
            thread.join(timeout=5.0)
    log.info("stored %d quotes; last: %s", writer.written, check_history(settings.db_path, settings.symbols))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
