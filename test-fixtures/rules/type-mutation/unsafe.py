"""Classes changed at run time from concurrent code."""
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler

_HANDLERS = {}


class Config:
    debug = False
    timeout = 5.0


class Model:
    def __eq__(self, other):
        return self is other


class Job:
    last_run = 0.0

    @classmethod
    def mark_run(cls):
        cls.last_run = time.time()


class Upgraded(Job):
    pass


class Plugin:
    registry = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.registry[cls.__name__] = cls


def register(cls):
    _HANDLERS[cls.__name__] = cls
    return cls


def toggle_debug(enabled):
    Config.debug = enabled


def add_verb(verb, method):
    setattr(BaseHTTPRequestHandler, "do_" + verb, method)


def upgrade(job):
    Job.mark_run()
    job.__class__ = Upgraded


def use_identity_equality():
    Model.__eq__ = object.__eq__


def make_plugin(name):
    class Dynamic(Plugin):
        label = name

    return Dynamic


def make_handler(name):
    @register
    class Handler:
        label = name

    return Handler


futures = []
with ThreadPoolExecutor() as executor:
    for n in range(4):
        futures.append(executor.submit(toggle_debug, n % 2 == 0))
        futures.append(executor.submit(add_verb, "PATCH", None))
        futures.append(executor.submit(upgrade, Job()))
        futures.append(executor.submit(make_plugin, str(n)))
        futures.append(executor.submit(make_handler, str(n)))
threading.Thread(target=use_identity_equality).start()
for future in futures:
    future.result()
