"""Look-alikes that must not be reported by aether/type-mutation."""
import queue
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

_lock = threading.Lock()
_HANDLERS = {}
_settings = queue.Queue()
_local = threading.local()


class Config:
    debug = False
    timeout = 5.0


class Plugin:
    registry = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.registry[cls.__name__] = cls


def register(cls):
    _HANDLERS[cls.__name__] = cls
    return cls


@register
class JsonHandler:
    """Decorated at import time: registration happens before threads start."""


class CsvPlugin(Plugin):
    """Created at import time: __init_subclass__ runs before threads start."""


class LockedPlugin:
    registry = {}
    _registry_lock = threading.Lock()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        with LockedPlugin._registry_lock:
            LockedPlugin.registry[cls.__name__] = cls


def make_locked_plugin(name):
    class Dynamic(LockedPlugin):
        label = name

    return Dynamic


def toggle_debug_locked(enabled):
    with _lock:
        Config.debug = enabled


def set_timeout(seconds):
    _lock.acquire()
    try:
        setattr(Config, "timeout", seconds)
    finally:
        _lock.release()


def _apply(name, value):
    # Every caller holds _lock.
    setattr(Config, name, value)


def apply_locked(name, value):
    with _lock:
        _apply(name, value)


class Session:
    def __init__(self):
        self.debug = False

    def enable_debug(self):
        # An instance attribute: one object, not the class.
        self.debug = True


def per_thread_settings(debug):
    _local.debug = debug


def scratch_class(value):
    class Scratch:
        pass

    # A class this call created: no other thread can see it.
    Scratch.value = value
    return Scratch


def request_settings(debug):
    _settings.put(("debug", debug))


def configure_in_process(debug):
    # Runs in a worker process.
    Config.debug = debug


def configure(argv):
    # Main-thread start-up, before any thread runs.
    Config.debug = "--debug" in argv
    Config.timeout = 10.0


def main(argv):
    configure(argv)
    futures = []
    with ThreadPoolExecutor() as pool:
        for n in range(4):
            futures.append(pool.submit(make_locked_plugin, str(n)))
            futures.append(pool.submit(toggle_debug_locked, True))
            futures.append(pool.submit(set_timeout, 1.0))
            futures.append(pool.submit(apply_locked, "debug", False))
            futures.append(pool.submit(Session().enable_debug))
            futures.append(pool.submit(per_thread_settings, True))
            futures.append(pool.submit(scratch_class, n))
            futures.append(pool.submit(request_settings, True))
    for future in futures:
        future.result()
    with ProcessPoolExecutor() as processes:
        list(processes.map(configure_in_process, [True, False]))
    while not _settings.empty():
        key, value = _settings.get()
        setattr(Config, key, value)


if __name__ == "__main__":
    main(["--debug"])
