"""State declared `# guarded-by: <lock>`, accessed without that lock."""
import threading

_lock = threading.Lock()
_jobs = []  # guarded-by: _lock
_done = 0  # guarded-by: _lock


def add_job(job):
    _jobs.append(job)


def finish():
    global _done
    _done += 1


def count():
    return len(_jobs)


class Inbox:
    def __init__(self):
        self._lock = threading.Lock()
        self.messages = []  # guarded-by: self._lock
        self.closed = False  # guarded-by: self._lock

    def put(self, message):
        if not self.closed:
            self.messages.append(message)

    def close(self):
        self.closed = True

    def drain(self):
        with self._lock:
            items = list(self.messages)
        self.messages.clear()
        return items


from typing import Annotated

_pending: Annotated[list, "guarded-by:_lock"] = []


def enqueue(item):
    _pending.append(item)
