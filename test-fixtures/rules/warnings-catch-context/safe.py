"""Look-alikes that must not be reported by aether/warnings-catch-context (on free-threaded 3.14)."""
import asyncio
import logging
import warnings
from concurrent.futures import ThreadPoolExecutor

import legacy_client

# Import time: one thread, before any worker starts.
warnings.simplefilter("ignore", ResourceWarning)
log = logging.getLogger(__name__)


def fetch(url):
    # Context-local on free-threaded 3.14+: the filter stays in this thread.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        response = legacy_client.get(url)
    return response.json()


def parse(payload):
    with warnings.catch_warnings(action="error", category=RuntimeWarning):
        return payload.decode()


def collect(url):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        legacy_client.get(url)
    return [str(w.message) for w in caught]


def _silence_legacy():
    # Every caller calls this inside a catch_warnings block.
    warnings.filterwarnings("ignore", message=".*legacy.*")


def render(template):
    with warnings.catch_warnings():
        _silence_legacy()
        return template.format()


def check(item):
    if item is None:
        warnings.warn("empty item", UserWarning, stacklevel=2)
    return item


class Sieve:
    def simplefilter(self, kind):
        return kind.strip()


def clean(sieve, kinds):
    return [sieve.simplefilter(kind) for kind in kinds]


async def poll(url):
    warnings.simplefilter("ignore", DeprecationWarning)
    await asyncio.sleep(1)
    return legacy_client.get(url)


def configure_logging():
    logging.captureWarnings(True)
    warnings.simplefilter("default")


def main():
    configure_logging()
    futures = []
    with ThreadPoolExecutor() as pool:
        for n in range(4):
            futures.append(pool.submit(fetch, f"https://example.com/{n}"))
            futures.append(pool.submit(parse, b"{}"))
            futures.append(pool.submit(collect, "https://example.com"))
            futures.append(pool.submit(render, "{}"))
            futures.append(pool.submit(check, n))
            futures.append(pool.submit(clean, Sieve(), ["a"]))
    for future in futures:
        future.result()
    asyncio.run(poll("https://example.com"))
    log.info("done")


if __name__ == "__main__":
    main()
