"""Look-alikes that must not be reported by aether/module-state-race."""
import threading
from queue import Queue

_lock = threading.Lock()
_sessions = {}
ROUTES = ("/", "/health")
DEFAULTS = {"mode": "fast"}
_events = Queue()
_local = threading.local()


def register(session_id, session):
    with _lock:
        _sessions[session_id] = session


def expire():
    with _lock:
        for session_id in list(_sessions):
            del _sessions[session_id]


def snapshot():
    with _lock:
        return dict(_sessions)


def snapshot_unlocked():
    # list(d) copies an exact dict under its lock on free-threaded CPython.
    return list(_sessions.items())


def routes():
    # Immutable module data: iterating it is always safe.
    return [route.upper() for route in ROUTES]


def defaults():
    # A module dict that nobody mutates.
    return {key: value for key, value in DEFAULTS.items()}


def drain():
    items = []
    while not _events.empty():
        items.append(_events.get())
    return items


def per_thread():
    _local.seen = getattr(_local, "seen", [])
    for item in _local.seen:
        print(item)


_settings = {"mode": "fast"}


def set_mode(mode):
    # One rebinding is atomic: readers see the old dict or the new one.
    global _settings
    _settings = {"mode": mode}


def get_mode():
    return _settings["mode"]


def main():
    # Main-thread setup before the threads start.
    for name in ("a", "b"):
        _sessions[name] = object()
    for session_id in _sessions:
        print(session_id)
    for n in range(4):
        threading.Thread(target=register, args=(n, object())).start()
        threading.Thread(target=expire).start()
        threading.Thread(target=snapshot).start()
        threading.Thread(target=routes).start()
        threading.Thread(target=defaults).start()
        threading.Thread(target=drain).start()
        threading.Thread(target=per_thread).start()
        threading.Thread(target=set_mode, args=("slow",)).start()
        threading.Thread(target=get_mode).start()
        threading.Thread(target=snapshot_unlocked).start()


if __name__ == "__main__":
    main()
