"""Weak containers and weakref callbacks that race with other threads."""
import queue
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor

_sessions = weakref.WeakValueDictionary()
_interned = weakref.WeakValueDictionary()
_open_connections = weakref.WeakSet()
_by_key = {}
_events = queue.Queue()


class Symbol:
    def __init__(self, name):
        self.name = name


def session_for(user):
    if user in _sessions:
        return _sessions[user]
    return None


def intern(name):
    symbol = _interned.get(name)
    if symbol is None:
        symbol = _interned[name] = Symbol(name)
    return symbol


def close(conn):
    if conn in _open_connections:
        _open_connections.discard(conn)
        conn.close()


def ping_all():
    for conn in _open_connections:
        conn.ping()


def _forget(key):
    del _by_key[key]


def track(key, obj):
    _by_key[key] = obj.name
    weakref.finalize(obj, _forget, key)


def _announce(ref):
    _events.put("collected")


def watch(obj):
    _events.get_nowait()
    return weakref.ref(obj, _announce)


class Registry:
    def __init__(self):
        self._cache = weakref.WeakKeyDictionary()
        self._pool = ThreadPoolExecutor()

    def describe(self, obj):
        if obj not in self._cache:
            self._cache[obj] = repr(obj)
        return self._cache[obj]

    def describe_all(self, objs):
        return list(self._pool.map(self.describe, objs))


futures = []
with ThreadPoolExecutor() as executor:
    for n in range(4):
        futures.append(executor.submit(session_for, n))
        futures.append(executor.submit(intern, str(n)))
        futures.append(executor.submit(close, None))
        futures.append(executor.submit(ping_all))
        futures.append(executor.submit(track, n, Symbol(str(n))))
        futures.append(executor.submit(watch, Symbol(str(n))))
for future in futures:
    future.result()
