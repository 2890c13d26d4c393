"""Warning filters changed from concurrent code (free-threaded 3.14: outside catch_warnings)."""
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from warnings import filterwarnings as add_filter

import legacy_client


def fetch(url):
    warnings.simplefilter("ignore", DeprecationWarning)
    response = legacy_client.get(url)
    return response.json()


def parse(payload):
    warnings.filterwarnings("error", category=RuntimeWarning, module="numpy")
    return payload.decode()


def _quiet_legacy():
    add_filter("ignore", message=".*legacy.*")


def render(template):
    _quiet_legacy()
    return template.format()


def strict_batch(items):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        checked = [legacy_client.check(item) for item in items]
    warnings.simplefilter("default")
    return checked


class Importer(threading.Thread):
    def run(self):
        warnings.resetwarnings()
        legacy_client.load()


class Reporter:
    def __init__(self):
        self._lock = threading.Lock()
        self._lines = []

    def add(self, line):
        with self._lock:
            self._lines.append(line)

    def flush(self):
        warnings.simplefilter("always", UserWarning)
        legacy_client.send(self._lines)


with ThreadPoolExecutor() as pool:
    for n in range(4):
        pool.submit(fetch, f"https://example.com/{n}")
        pool.submit(parse, b"{}")
        pool.submit(render, "{}")
        pool.submit(strict_batch, [n])
Importer().start()
