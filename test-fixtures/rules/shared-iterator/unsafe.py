"""One iterator or generator consumed from several threads."""
import asyncio
import csv
import threading
from concurrent.futures import ThreadPoolExecutor

JOBS = ["a", "b", "c", "d"]
_pending = iter(JOBS)
_audit = open("audit.log")


def drain():
    while True:
        job = next(_pending, None)
        if job is None:
            return
        print(job)


def read_batches(path):
    with open(path) as f:
        for line in f:
            yield line.split(",")


_batches = read_batches("batches.csv")


def load_batch():
    for batch in _batches:
        print(len(batch))


class Importer:
    def __init__(self, path):
        self._file = open(path, newline="")
        self._rows = csv.reader(self._file)
        self._pool = ThreadPoolExecutor(max_workers=4)

    def import_one(self):
        row = next(self._rows)
        return row[0]

    def start(self, n):
        return [self._pool.submit(self.import_one) for _ in range(n)]


def checksum_all(items):
    remaining = iter(items)
    with ThreadPoolExecutor() as pool:
        return list(pool.map(lambda _: hash(next(remaining)), items))


def fetch_all(urls):
    for url in urls:
        print(url)


def crawl(urls):
    shared = iter(urls)
    threads = [threading.Thread(target=fetch_all, args=(shared,)) for _ in range(4)]
    for t in threads:
        t.start()


def tail_audit():
    print(_audit.readline())


def count_audit():
    return sum(1 for _ in _audit)


_squares = (n * n for n in range(1000))


def next_square():
    return next(_squares)


async def squares_in_threads():
    return await asyncio.gather(*(asyncio.to_thread(next_square) for _ in range(8)))


for _ in range(4):
    threading.Thread(target=drain).start()
futures = []
with ThreadPoolExecutor() as executor:
    futures.append(executor.submit(load_batch))
    futures.append(executor.submit(load_batch))
threading.Thread(target=tail_audit).start()
threading.Thread(target=count_audit).start()
for future in futures:
    future.result()
