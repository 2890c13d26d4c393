"""Look-alikes that must not be reported by aether/non-atomic-update."""
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from queue import Queue

_lock = threading.Lock()
processed = 0
totals = {}
results = Queue()
local = threading.local()
cache = {}


def locked_worker(items):
    global processed
    for item in items:
        with _lock:
            processed += 1


def acquire_release_worker(key):
    _lock.acquire()
    try:
        totals[key] = totals.get(key, 0) + 1
    finally:
        _lock.release()


def _bump():
    # Every caller holds _lock.
    global processed
    processed += 1


def caller_holds_lock():
    with _lock:
        _bump()


def per_thread_counter():
    local.count = getattr(local, "count", 0) + 1


def hand_off(item):
    results.put(item * 2)


def single_store(key, value):
    # One dict store is atomic on free-threaded CPython.
    cache[key] = value


def process_worker(n):
    # Runs in another process: nothing is shared.
    global processed
    processed += n


class Stats(threading.Thread):
    def __init__(self):
        super().__init__()
        self.count = 0

    def run(self):
        # Attributes of a Thread subclass touched only by its own run().
        for _ in range(10):
            self.count += 1


def main():
    # Main-thread code, not reachable from any thread.
    counter = 0
    for _ in range(3):
        counter += 1
    for _ in range(2):
        threading.Thread(target=locked_worker, args=([1],)).start()
        threading.Thread(target=acquire_release_worker, args=("k",)).start()
        threading.Thread(target=caller_holds_lock).start()
        threading.Thread(target=per_thread_counter).start()
        threading.Thread(target=hand_off, args=(1,)).start()
        threading.Thread(target=single_store, args=("k", 1)).start()
    with ProcessPoolExecutor() as processes:
        list(processes.map(process_worker, [1, 2]))
    Stats().start()
    return counter


if __name__ == "__main__":
    main()


class AuditedCounter:  # aether: thread-safe
    """Reviewed by hand: the value is only ever approximate, by design."""

    def __init__(self):
        self._lock = threading.Lock()
        self.approximate = 0

    def bump(self):
        self.approximate += 1

    def reset(self):
        with self._lock:
            self.approximate = 0
