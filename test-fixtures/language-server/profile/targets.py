"""Which functions get a "Profile this function" lens: the ones the profile
harness can import and call with no arguments. The comment on each def says
whether it gets one, and why not."""

import asyncio
import functools
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field


def handle():  # lens
    return sum(range(100))


def with_defaults(count=10, /, *rest, verbose=False, **options):  # lens: every parameter is optional
    return count


def needs_argument(url):  # no: a required parameter
    return url


def needs_keyword(*, url):  # no: a required keyword-only parameter
    return url


async def poll():  # no: calling it only makes a coroutine
    await asyncio.sleep(0)


def numbers():  # no: a generator; calling it runs nothing
    yield 1


def outer():  # lens; the generator inside is outer's business
    def inner():
        yield 2

    return list(inner())


@functools.lru_cache(maxsize=None)
def cached():  # lens: the decorator keeps the call
    return 42


@contextmanager
def session():  # no: a context manager is entered, not called
    yield


def replaced():  # no: the def below replaces it
    return 1


def replaced():  # lens
    return 2


def __getattr__(name):  # no: a module dunder
    raise AttributeError(name)


class Worker:
    """Built with no arguments: its plain methods get lenses."""

    def __init__(self, size=4):
        self.size = size
        self.lock = threading.Lock()

    def run(self):  # lens
        with self.lock:
            return self.size

    def step(self, amount):  # no: a required parameter
        return amount

    def __repr__(self):  # no: a dunder
        return "Worker()"

    def __secret(self):  # no: the name is mangled to _Worker__secret
        return 0

    @property
    def busy(self):  # no: a property is read, not called
        return False

    @staticmethod
    def version():  # lens
        return "1"

    @classmethod
    def default(cls):  # lens
        return cls()

    async def stop(self):  # no: async
        pass

    class Inner:
        def ping(self):  # lens: Worker.Inner.ping
            return "pong"


class Client:
    """Needs a host to be built: only its static and class methods get lenses."""

    def __init__(self, host):
        self.host = host

    def ping(self):  # no: Client() needs a host
        return self.host

    @staticmethod
    def parse(text="localhost:80"):  # lens
        return text.split(":")

    @classmethod
    def local(cls, port=80):  # lens
        return cls("localhost:%d" % port)


class Listener(threading.Thread):
    def run(self):  # no: the constructor comes from a base class, out of sight
        pass


@dataclass
class Settings:
    retries: int = 3
    hosts: list = field(default_factory=list)

    def total(self):  # lens: every field has a default
        return self.retries * len(self.hosts)


@dataclass
class Point:
    x: int

    def norm(self):  # no: Point() needs x
        return abs(self.x)


if __name__ == "__main__":

    def main():  # no: not defined when the module is imported
        handle()
