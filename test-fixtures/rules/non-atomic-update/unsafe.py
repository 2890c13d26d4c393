"""Read-modify-write and check-then-act on shared state, with no lock."""
import threading
from concurrent.futures import ThreadPoolExecutor

processed = 0
bytes_seen = 0
by_kind = {}
seen = {}
pending = {}


def worker(items):
    global processed
    for item in items:
        processed += 1


def tally(kind, size):
    global bytes_seen
    bytes_seen = bytes_seen + size
    by_kind[kind] = by_kind.get(kind, 0) + 1


def remember(key, value):
    if key not in seen:
        seen[key] = value


def forget(key):
    if key in pending:
        del pending[key]


backlog = []
tags = []


def take():
    if backlog:
        return backlog.pop()
    return None


def tag(name):
    tags.append(name) if name not in tags else None


class Downloader:
    def __init__(self):
        self.done = 0
        self.pool = ThreadPoolExecutor(max_workers=4)

    def fetch(self, url):
        self.done += 1
        return url

    def run(self, urls):
        return [self.pool.submit(self.fetch, url) for url in urls]


def count_words(lines):
    total = 0

    def add(line):
        nonlocal total
        total += len(line.split())

    threads = [threading.Thread(target=add, args=(line,)) for line in lines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return total


for _ in range(4):
    threading.Thread(target=worker, args=([1, 2, 3],)).start()

with ThreadPoolExecutor() as executor:
    executor.map(tally, ["a", "b"], [1, 2])
    executor.submit(remember, "k", 1)
    executor.submit(forget, "k")
    executor.submit(take)
    executor.submit(tag, "x")
