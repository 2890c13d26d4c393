"""Look-alikes that must not be reported by aether/unsafe-lazy-init."""
import functools
import os
import threading
from concurrent.futures import ThreadPoolExecutor

_lock = threading.Lock()
_client = None
_settings = None
_local = threading.local()


def make_client():
    return object()


def get_client():
    # Double-checked locking: fast path, then check again under the lock.
    global _client
    if _client is None:
        with _lock:
            if _client is None:
                _client = make_client()
    return _client


def locked_init():
    global _settings
    with _lock:
        if _settings is None:
            _settings = {"debug": False}
        return _settings


def per_thread_connection():
    if getattr(_local, "conn", None) is None:
        _local.conn = make_client()
    return _local.conn


def local_cache():
    cache = None
    if cache is None:
        cache = {}
    return cache


class Resource:
    def __init__(self):
        self._conn = None
        if self._conn is None:
            self._conn = make_client()


def load_settings_at_startup():
    # Runs once in the main thread before any worker starts.
    global _settings
    if _settings is None:
        _settings = {"debug": True}


@functools.cache
def config_from_env():
    # Memoising a pure value is harmless even if it runs twice.
    return (os.environ.get("MODE", "fast"), int(os.environ.get("WORKERS", "4")))


@functools.lru_cache(maxsize=128)
def parse(text):
    return text.split()


def handle(n):
    return get_client(), locked_init(), per_thread_connection(), local_cache(), Resource(), config_from_env(), parse("a b"), n


if __name__ == "__main__":
    load_settings_at_startup()
    with ThreadPoolExecutor() as executor:
        list(executor.map(handle, range(10)))
