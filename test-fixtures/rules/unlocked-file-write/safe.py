"""Look-alikes that must not be reported by aether/unlocked-file-write."""
import json
import os
import queue
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

LOG_PATH = "requests.log"
AUDIT_PATH = "audit.log"
CONFIG_PATH = "config.json"
STATE_FILE = Path("state.json")
OUT_DIR = Path("out")

_lock = threading.Lock()
_lines = queue.Queue()
_local = threading.local()


def log_locked(line):
    with _lock:
        with open(LOG_PATH, "a") as f:
            f.write(line + "\n")


def save_state_acquire(state):
    _lock.acquire()
    try:
        STATE_FILE.write_text(json.dumps(state))
    finally:
        _lock.release()


def _append(line):
    # Every caller holds _lock.
    with open(LOG_PATH, "a") as f:
        f.write(line)


def log_via_helper(line):
    with _lock:
        _append(line)


def write_result(task_id, result):
    # One file per task.
    with open(OUT_DIR / f"result-{task_id}.json", "w") as f:
        json.dump(result, f)


def write_thread_log(line):
    # One file per thread.
    with open(f"worker-{threading.get_ident()}.log", "a") as f:
        f.write(line)


def save_atomically(state):
    with tempfile.NamedTemporaryFile("w", dir=".", delete=False) as tmp:
        json.dump(state, tmp)
    os.replace(tmp.name, STATE_FILE)


def read_config():
    with open(CONFIG_PATH) as f:
        return json.load(f)


def per_thread_handle(line):
    if not hasattr(_local, "log"):
        _local.log = open(f"thread-{threading.get_ident()}.log", "w")
    _local.log.write(line)


def produce(line):
    _lines.put(line)


class LogWriter(threading.Thread):
    """The only thread that writes the audit log; producers hand lines over through a queue."""

    def run(self):
        with open(AUDIT_PATH, "a") as f:
            while (line := _lines.get()) is not None:
                f.write(line)


class Downloader(threading.Thread):
    def __init__(self, url, dest):
        super().__init__()
        self.url = url
        self.dest = dest

    def run(self):
        # Each downloader has its own destination.
        with open(self.dest, "wb") as f:
            f.write(self.url.encode())


def write_in_process(state):
    # Runs in a worker process.
    STATE_FILE.write_text(json.dumps(state))


def write_defaults():
    # Main-thread start-up, before any thread runs.
    with open(CONFIG_PATH, "w") as f:
        json.dump({"debug": False}, f)


def main():
    write_defaults()
    LogWriter().start()
    futures = []
    with ThreadPoolExecutor() as pool:
        for n in range(8):
            futures.append(pool.submit(log_locked, str(n)))
            futures.append(pool.submit(save_state_acquire, {"n": n}))
            futures.append(pool.submit(log_via_helper, str(n)))
            futures.append(pool.submit(write_result, n, {}))
            futures.append(pool.submit(write_thread_log, str(n)))
            futures.append(pool.submit(save_atomically, {"n": n}))
            futures.append(pool.submit(read_config))
            futures.append(pool.submit(per_thread_handle, str(n)))
            futures.append(pool.submit(produce, str(n)))
    for future in futures:
        future.result()
    for n, url in enumerate(["a", "b"]):
        Downloader(url, f"download-{n}.bin").start()
    with ProcessPoolExecutor() as processes:
        list(processes.map(write_in_process, [{}, {}]))


if __name__ == "__main__":
    main()
