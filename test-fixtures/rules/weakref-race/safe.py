"""Look-alikes that must not be reported by aether/weakref-race."""
import queue
import threading
import weakref
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

_lock = threading.Lock()
_sessions = weakref.WeakValueDictionary()
_interned = weakref.WeakValueDictionary()
_local = threading.local()
_by_key = {}
_collected = queue.SimpleQueue()
_startup_plugins = weakref.WeakSet()


class Symbol:
    def __init__(self, name):
        self.name = name


def session_for(user):
    # One lookup, no check before it: the documented way to read a weak dict.
    return _sessions.get(user)


def intern(name):
    with _lock:
        symbol = _interned.get(name)
        if symbol is None:
            symbol = _interned[name] = Symbol(name)
        return symbol


def evict(name):
    _lock.acquire()
    try:
        if name in _interned:
            del _interned[name]
    finally:
        _lock.release()


def _snapshot_names():
    # Every caller holds _lock.
    return [symbol.name for symbol in _interned.values()]


def names():
    with _lock:
        return _snapshot_names()


def per_thread_cache(obj):
    cache = getattr(_local, "cache", None)
    if cache is None:
        cache = _local.cache = weakref.WeakKeyDictionary()
    if obj not in cache:
        cache[obj] = repr(obj)
    return cache[obj]


def _forget(key):
    with _lock:
        del _by_key[key]


def track(key, obj):
    with _lock:
        _by_key[key] = obj.name
    weakref.finalize(obj, _forget, key)


def _announce(ref):
    # SimpleQueue.put is reentrant: safe from a callback in any thread.
    _collected.put(ref)


def watch(obj):
    return weakref.ref(obj, _announce)


def count_in_process(name):
    # Runs in a worker process, which has its own weak dict.
    if name not in _sessions:
        _sessions[name] = Symbol(name)
    return len(_sessions)


def load_plugins(plugins):
    # Main-thread start-up code: no thread is running yet.
    for plugin in plugins:
        if plugin not in _startup_plugins:
            _startup_plugins.add(plugin)


def main():
    load_plugins([Symbol("a"), Symbol("b")])
    futures = []
    with ThreadPoolExecutor() as pool:
        for n in range(4):
            futures.append(pool.submit(session_for, n))
            futures.append(pool.submit(intern, str(n)))
            futures.append(pool.submit(evict, str(n)))
            futures.append(pool.submit(names))
            futures.append(pool.submit(per_thread_cache, Symbol(str(n))))
            futures.append(pool.submit(track, n, Symbol(str(n))))
            futures.append(pool.submit(watch, Symbol(str(n))))
    for future in futures:
        future.result()
    with ProcessPoolExecutor() as processes:
        list(processes.map(count_in_process, ["a", "b"]))


if __name__ == "__main__":
    main()
