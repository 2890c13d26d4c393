"""Errors of threads and pools that are lost, or collected without a lock or a join."""
import concurrent.futures
import contextlib
import logging
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

log = logging.getLogger(__name__)

_conversion_errors = []
_failures = []
_stop = threading.Event()


def send_mail(user):
    user.mailbox.send("welcome")


def notify_all(users):
    with ThreadPoolExecutor() as pool:
        for user in users:
            pool.submit(send_mail, user)


def checksum(path):
    with open(path, "rb") as f:
        return hash(f.read())


def checksum_all(paths):
    with ProcessPoolExecutor() as pool:
        pool.map(checksum, paths)


def upload(path):
    path.upload()


def upload_all(paths):
    futures = []
    with ThreadPoolExecutor(max_workers=8) as pool:
        for path in paths:
            futures.append(pool.submit(upload, path))


def warm(key):
    return key.warm()


def warm_caches(keys):
    with multiprocessing.Pool() as pool:
        for key in keys:
            pool.apply_async(warm, (key,))
        pool.close()
        pool.join()


def poll_forever(source):
    while not _stop.is_set():
        try:
            source.poll()
        except Exception:
            continue


class Poller(threading.Thread):
    def __init__(self, source):
        super().__init__(daemon=True)
        self.source = source

    def run(self):
        try:
            self.source.poll()
        except:
            pass


def refresh(cache):
    with contextlib.suppress(Exception):
        cache.refresh()


def convert(item):
    try:
        return item.convert()
    except Exception as exc:
        _conversion_errors.append(exc)
        return None


def convert_all(items):
    workers = [threading.Thread(target=convert, args=(item,)) for item in items]
    for worker in workers:
        worker.start()
    if _conversion_errors:
        raise ExceptionGroup("conversion failed", _conversion_errors)
    for worker in workers:
        worker.join()


def ping(host):
    try:
        host.ping()
    except OSError as exc:
        _failures.append((host, exc))


def report_failures():
    while not _stop.wait(10):
        batch = list(_failures)
        _failures.clear()
        for host, exc in batch:
            log.warning("%s is down: %s", host, exc)


def run_batch(jobs):
    errors = []
    with ThreadPoolExecutor() as pool:
        futures = [pool.submit(job) for job in jobs]
        for future in concurrent.futures.as_completed(futures):
            if future.exception() is not None:
                errors.append(future.exception())
    raise ExceptionGroup("batch failed", errors)


def failures_of(futures):
    return ExceptionGroup("some jobs failed", [f.exception() for f in futures])


def monitor(hosts, sources, cache):
    threading.Thread(target=report_failures, daemon=True).start()
    threading.Thread(target=poll_forever, args=(sources[0],), daemon=True).start()
    Poller(sources[1]).start()
    threading.Timer(60, refresh, args=(cache,)).start()
    with ThreadPoolExecutor() as pool:
        futures = [pool.submit(ping, host) for host in hosts]
        for future in concurrent.futures.as_completed(futures):
            future.result()
