"""Locks taken in opposite orders on concurrent paths, and a Lock re-taken while held."""
import threading

accounts_lock = threading.Lock()
audit_lock = threading.Lock()
cache_lock = threading.Lock()
index_lock = threading.RLock()


def transfer():
    with accounts_lock:
        with audit_lock:
            pass


def audit():
    with audit_lock:
        with accounts_lock:
            pass


def refresh():
    cache_lock.acquire()
    try:
        with index_lock:
            pass
    finally:
        cache_lock.release()


def reindex():
    with index_lock:
        _fill_cache()


def _fill_cache():
    with cache_lock:
        pass


def nested():
    with cache_lock:
        with cache_lock:
            pass


def _helper():
    with accounts_lock:
        pass


def locked_caller():
    with accounts_lock:
        _helper()


class Store:
    def __init__(self):
        self._lock = threading.Lock()

    def save(self):
        with self._lock:
            self._write()

    def _write(self):
        with self._lock:
            pass


for target in (transfer, audit, refresh, reindex, nested, locked_caller):
    threading.Thread(target=target).start()
