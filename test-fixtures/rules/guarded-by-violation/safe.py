"""Look-alikes that must not be reported by aether/guarded-by-violation."""
import threading

_lock = threading.Lock()
_jobs = []  # guarded-by: _lock
_other = []


def add_job(job):
    with _lock:
        _jobs.append(job)


def take_job():
    _lock.acquire()
    try:
        return _jobs.pop()
    finally:
        _lock.release()


def _unsafe_peek():  # aether: requires _lock
    return _jobs[-1]


def peek():
    with _lock:
        return _unsafe_peek()


def _count():
    return len(_jobs)


def count():
    with _lock:
        return _count()


def other(item):
    # Not declared guarded: not this rule's business.
    _other.append(item)


class Inbox:
    def __init__(self):
        self._lock = threading.Lock()
        self.messages = []  # guarded-by: self._lock
        self.messages.append("hello")

    def put(self, message):
        with self._lock:
            self.messages.append(message)

    def drain(self):
        with self._lock:
            items = list(self.messages)
            self.messages.clear()
        return items
