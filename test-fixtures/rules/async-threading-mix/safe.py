"""Look-alikes that must not be reported by aether/async-threading-mix."""
import asyncio
import concurrent.futures
import queue
import threading
import time

import requests

_results = queue.Queue()
_stop = threading.Event()
_local_lock = asyncio.Lock()


async def poll(url):
    while True:
        response = await asyncio.to_thread(requests.get, url, timeout=5)
        if response.ok:
            return response.json()
        await asyncio.sleep(1)


def blocking_download(url):
    time.sleep(0.1)
    return requests.get(url, timeout=5).content


async def download(url):
    return await asyncio.to_thread(blocking_download, url)


async def record(result):
    _results.put(result)
    _results.put_nowait(result)


async def try_shutdown():
    if _stop.wait(timeout=0):
        return True
    await asyncio.sleep(0.1)
    return _stop.is_set()


async def guarded(counts, key):
    async with _local_lock:
        counts[key] = counts.get(key, 0) + 1
        await asyncio.sleep(0)


async def finished_result(future):
    if future.done():
        return future.result()
    return await asyncio.wrap_future(future)


async def task_result():
    task = asyncio.create_task(asyncio.sleep(0, result=7))
    await task
    return task.result()


def report_from_thread(loop, value):
    loop.call_soon_threadsafe(print, value)


def run_on_loop(loop, value):
    future = asyncio.run_coroutine_threadsafe(asyncio.sleep(0, result=value), loop)
    return future.result(timeout=5)


def thread_with_own_loop(value):
    loop = asyncio.new_event_loop()
    try:
        loop.call_soon(print, value)
        loop.call_soon(loop.stop)
        loop.run_forever()
    finally:
        loop.close()


def thread_runs_coroutine(value):
    return asyncio.run(asyncio.sleep(0, result=value))


def hand_off(value, done):
    _results.put_nowait(value)
    done.set_result(value)
    _stop.set()


class Bridge:
    """Threads hand results to the loop; the loop-side callback runs on the loop."""

    def __init__(self, loop):
        self._lock = threading.Lock()
        self._loop = loop
        self._pending = asyncio.Queue()
        self._count = 0

    def _deliver(self, value):
        self._pending.put_nowait(value)

    def submit(self, value):
        with self._lock:
            self._count += 1
        self._loop.call_soon_threadsafe(self._deliver, value)

    async def drain(self):
        return await self._pending.get()


async def main():
    loop = asyncio.get_running_loop()
    bridge = Bridge(loop)
    done = concurrent.futures.Future()
    workers = [
        threading.Thread(target=report_from_thread, args=(loop, 1)),
        threading.Thread(target=run_on_loop, args=(loop, 2)),
        threading.Thread(target=thread_with_own_loop, args=(3,)),
        threading.Thread(target=thread_runs_coroutine, args=(4,)),
        threading.Thread(target=hand_off, args=(5, done)),
        threading.Thread(target=bridge.submit, args=(6,)),
    ]
    for worker in workers:
        worker.start()
    await asyncio.gather(poll("https://example.com"), download("https://example.com"), record(1))
    await asyncio.gather(try_shutdown(), guarded({}, "a"), task_result(), bridge.drain())
    await finished_result(done)
    await asyncio.to_thread(_join_all, workers)


def _join_all(workers):
    for worker in workers:
        worker.join()


if __name__ == "__main__":
    asyncio.run(main())
