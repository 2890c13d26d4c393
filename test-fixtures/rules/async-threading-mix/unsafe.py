"""asyncio and threads mixed: blocking calls on the event loop, loop objects touched from threads."""
import asyncio
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

_state_lock = threading.Lock()
_jobs = queue.Queue(maxsize=100)
_done = threading.Event()
_pool = ThreadPoolExecutor(max_workers=4)


async def poll(url):
    while True:
        response = requests.get(url, timeout=5)
        if response.ok:
            return response.json()
        time.sleep(1)


async def enqueue(job):
    _jobs.put(job)


async def wait_until_done():
    _done.wait()


async def bump(counts, key):
    with _state_lock:
        counts[key] += 1
        await asyncio.sleep(0)


async def crunch(numbers):
    future = _pool.submit(sum, numbers)
    return future.result()


def _throttle():
    time.sleep(0.5)


async def fetch_all(urls):
    results = []
    for url in urls:
        _throttle()
        results.append(await poll(url))
    return results


def notify(loop, callback):
    loop.call_soon(callback)


def schedule(loop, job):
    loop.create_task(enqueue(job))


def finish(fut, value):
    fut.set_result(value)


def push(items, loop, item):
    items.put_nowait(item)


def start_background(coro):
    asyncio.create_task(coro)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    items = asyncio.Queue()
    threading.Thread(target=notify, args=(loop, print)).start()
    threading.Thread(target=schedule, args=(loop, "job")).start()
    threading.Thread(target=finish, args=(fut, 42)).start()
    threading.Thread(target=push, args=(items, loop, "x")).start()
    threading.Thread(target=start_background, args=(wait_until_done(),)).start()
    await fetch_all(["https://example.com"])
    await crunch([1, 2, 3])
    await bump({"a": 0}, "a")
    print(await fut, await items.get())


if __name__ == "__main__":
    asyncio.run(main())
