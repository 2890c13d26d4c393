"""A cliff at a known count: a call costs 4 ms while at most 4 callers are
active at once, and (active / 4) ** 3 times that beyond, like a resource with
four slots that thrashes when oversubscribed. Throughput peaks at 4 threads
(~1,000 calls/s) and falls by more than a third at 5 or more."""

import threading
import time

SLOTS = 4
BASE_SECONDS = 0.004

_active = 0
_active_lock = threading.Lock()


def crowded():
    global _active
    with _active_lock:
        _active += 1
        active = _active
    try:
        time.sleep(BASE_SECONDS * max(1.0, active / SLOTS) ** 3)
    finally:
        with _active_lock:
            _active -= 1
