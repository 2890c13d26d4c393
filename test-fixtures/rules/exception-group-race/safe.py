"""Look-alikes that must not be reported by aether/exception-group-race."""
import concurrent.futures
import logging
import multiprocessing
import queue
import threading
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)

_errors_lock = threading.Lock()
_conversion_errors = []
_failures = []
_stop = threading.Event()
_work = queue.Queue()


def send_mail(user):
    user.mailbox.send("welcome")


def _log_failure(future):
    if future.exception() is not None:
        log.error("mail failed: %s", future.exception())


def notify_all(users):
    with ThreadPoolExecutor() as pool:
        futures = [pool.submit(send_mail, user) for user in users]
        for future in concurrent.futures.as_completed(futures):
            future.result()


def notify_in_background(pool, user):
    pool.submit(send_mail, user).add_done_callback(_log_failure)


def checksum(path):
    with open(path, "rb") as f:
        return hash(f.read())


def checksum_all(paths):
    with ThreadPoolExecutor() as pool:
        return list(pool.map(checksum, paths))


def best_effort_cleanup(path):
    try:
        path.unlink()
    except Exception:
        log.exception("cleanup of %s failed", path)


def cleanup_all(paths):
    with ThreadPoolExecutor() as pool:
        for path in paths:
            pool.submit(best_effort_cleanup, path)


def warm(key):
    return key.warm()


def warm_caches(keys):
    with multiprocessing.Pool() as pool:
        pool.map(warm, keys)
        for key in keys:
            pool.apply_async(warm, (key,), error_callback=log.error)
        pool.close()
        pool.join()


def consume():
    while not _stop.is_set():
        try:
            item = _work.get(timeout=1)
        except queue.Empty:
            continue
        try:
            item.process()
        except Exception:
            log.exception("processing %r failed", item)


def offline_job(path):
    try:
        path.compress()
    except Exception:
        pass


def convert(item):
    try:
        return item.convert()
    except Exception as exc:
        with _errors_lock:
            _conversion_errors.append(exc)
        return None


def convert_all(items):
    workers = [threading.Thread(target=convert, args=(item,)) for item in items]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if _conversion_errors:
        raise ExceptionGroup("conversion failed", _conversion_errors)


def ping(host):
    try:
        host.ping()
    except OSError as exc:
        with _errors_lock:
            _failures.append((host, exc))


def report_failures():
    while not _stop.wait(10):
        with _errors_lock:
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
    if errors:
        raise ExceptionGroup("batch failed", errors)


def failures_of(futures):
    failed = [f.exception() for f in futures if f.exception() is not None]
    if not failed:
        return None
    return ExceptionGroup("some jobs failed", failed)


def monitor(hosts, paths):
    threading.Thread(target=report_failures, daemon=True).start()
    threading.Thread(target=consume, daemon=True).start()
    multiprocessing.Process(target=offline_job, args=(paths[0],)).start()
    with ThreadPoolExecutor() as pool:
        futures = [pool.submit(ping, host) for host in hosts]
        for future in concurrent.futures.as_completed(futures):
            future.result()
