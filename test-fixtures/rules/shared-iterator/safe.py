"""Look-alikes that must not be reported by aether/shared-iterator."""
import itertools
import queue
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

JOBS = ("a", "b", "c", "d")
_lock = threading.Lock()
_pending = iter(JOBS)
_ids = itertools.count(1)
_local = threading.local()
_work = queue.Queue()


def each_thread_iterates_the_iterable():
    # A shared iterable: every loop calls iter() for itself.
    for job in JOBS:
        print(job)


def take_under_lock():
    with _lock:
        job = next(_pending, None)
    return job


def take_with_acquire():
    _lock.acquire()
    try:
        return next(_pending, None)
    finally:
        _lock.release()


def _take():
    # Every caller holds _lock.
    return next(_pending, None)


def caller_holds_lock():
    with _lock:
        return _take()


def next_id():
    # next() on itertools.count is atomic from Python 3.13.
    return next(_ids)


def per_thread_iterator(chunk):
    _local.rows = iter(chunk)
    return next(_local.rows)


def consume_queue():
    while (item := _work.get()) is not None:
        print(item)


def own_iterator(chunk):
    rows = iter(chunk)
    for row in rows:
        print(row)


def fan_out(chunks):
    threads = []
    for chunk in chunks:
        rows = iter(chunk)
        threads.append(threading.Thread(target=own_iterator, args=(rows,)))
    for t in threads:
        t.start()


_numbers = (n for n in range(100))


def square_next(_):
    # Runs in worker processes: each has its own copy of the generator.
    return next(_numbers) ** 2


class LineReader(threading.Thread):
    def __init__(self, lines):
        super().__init__()
        self._lines = iter(lines)

    def run(self):
        for line in self._lines:
            print(line)


def main():
    for _ in range(4):
        threading.Thread(target=take_under_lock).start()
        threading.Thread(target=take_with_acquire).start()
        threading.Thread(target=caller_holds_lock).start()
        threading.Thread(target=each_thread_iterates_the_iterable).start()
        threading.Thread(target=next_id).start()
        threading.Thread(target=consume_queue).start()
    with ThreadPoolExecutor() as pool:
        list(pool.map(per_thread_iterator, [JOBS, JOBS]))
    fan_out([JOBS, JOBS])
    with ProcessPoolExecutor() as processes:
        list(processes.map(square_next, range(4)))
    for reader in (LineReader(JOBS), LineReader(JOBS)):
        reader.start()
    # Main-thread-only: nothing else consumes the generator.
    print(next(_numbers))


if __name__ == "__main__":
    main()
