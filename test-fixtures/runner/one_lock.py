"""Serialised: every call holds the same lock for 2 ms, so throughput is flat
(about 500 calls/s) whatever the thread count."""

import threading
import time

LOCK = threading.Lock()


def serialised():
    with LOCK:
        time.sleep(0.002)
