"""Module-level state iterated or rebound while other threads change or read it."""
import threading
import time

_sessions = {}
_subscribers = []
_config = {"mode": "fast"}
_version = 1
_active = set()


def register(session_id, session):
    _sessions[session_id] = session


def expire_loop():
    while True:
        for session_id, session in _sessions.items():
            if session.expired():
                print(session_id)
        time.sleep(1)


def subscribe(callback):
    _subscribers.append(callback)


def publish(event):
    for callback in _subscribers:
        callback(event)


def reload_config(path):
    global _config, _version
    with open(path) as handle:
        _config = dict(line.split("=", 1) for line in handle)
    _version = _version + 1


def mode():
    return _version, _config["mode"]


def track(item):
    _active.add(item)
    return max(_active)


def snapshot():
    return [s for s in _sessions.values()]


_scores = {}


def score(player, points):
    _scores[player] = points


def leaderboard_total():
    return sum(_scores.values())


class Plugins:
    registry = {}

    @classmethod
    def add(cls, name, plugin):
        cls.registry[name] = plugin

    @classmethod
    def names(cls):
        return [name for name in cls.registry]


threading.Thread(target=expire_loop, daemon=True).start()
for n in range(4):
    threading.Thread(target=register, args=(n, object())).start()
    threading.Thread(target=subscribe, args=(print,)).start()
    threading.Thread(target=publish, args=("tick",)).start()
    threading.Thread(target=reload_config, args=("app.cfg",)).start()
    threading.Thread(target=mode).start()
    threading.Thread(target=track, args=(n,)).start()
    threading.Thread(target=snapshot).start()
    threading.Thread(target=score, args=("p", n)).start()
    threading.Thread(target=leaderboard_total).start()
    threading.Thread(target=Plugins.add, args=("x", n)).start()
    threading.Thread(target=Plugins.names).start()
