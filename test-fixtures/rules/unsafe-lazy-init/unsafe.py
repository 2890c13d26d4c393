"""Check-then-initialise without a lock."""
import functools
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property, lru_cache

_client = None
_registry = None


def get_client():
    global _client
    if _client is None:
        _client = sqlite3.connect(":memory:", check_same_thread=False)
    return _client


def registry():
    global _registry
    if not _registry:
        _registry = {}
    return _registry


class Service:
    _instance = None

    @classmethod
    def instance(cls):
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance


class Pool:
    def __init__(self):
        self._lock = threading.Lock()
        self._conn = None
        self.size = 0

    def connection(self):
        if self._conn is None:
            self._conn = sqlite3.connect(":memory:")
        return self._conn

    def resize(self, n):
        with self._lock:
            self.size = n


def settings():
    if not hasattr(settings, "values"):
        settings.values = {"debug": False}
    return settings.values


@functools.cache
def database():
    return sqlite3.connect("app.db", check_same_thread=False)


@lru_cache(maxsize=None)
def log_file():
    return open("app.log", "a")


class Session:
    def __init__(self):
        self._lock = threading.Lock()
        self.requests = 0

    @cached_property
    def connection(self):
        return sqlite3.connect("session.db")

    def count(self):
        with self._lock:
            self.requests += 1


def handle(request):
    return get_client(), registry(), Service.instance(), settings(), database(), log_file(), request


with ThreadPoolExecutor() as executor:
    executor.map(handle, range(10))
