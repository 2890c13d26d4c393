"""Concurrent code writing one shared file without a lock."""
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

LOG_PATH = "requests.log"
DATA_DIR = "data"
STATE_FILE = Path("state.json")
CACHE = Path(DATA_DIR) / "cache.txt"

_events = open("events.log", "a")


def log_request(line):
    with open(LOG_PATH, "a") as f:
        f.write(line + "\n")


def save_state(state):
    STATE_FILE.write_text(json.dumps(state))


def write_summary(summary):
    path = os.path.join(DATA_DIR, "summary.json")
    with open(path, "w") as f:
        json.dump(summary, f)


def write_totals(totals):
    with open(os.path.join(DATA_DIR, "summary.json"), "w") as f:
        json.dump(totals, f)


def refresh_cache(lines):
    with CACHE.open("w") as f:
        f.writelines(lines)


class Exporter:
    def __init__(self, out_path):
        self.out_path = out_path
        self._pool = ThreadPoolExecutor(max_workers=4)

    def export(self, rows):
        with open(self.out_path, "w") as f:
            json.dump(rows, f)

    def export_all(self, batches):
        return [self._pool.submit(self.export, rows) for rows in batches]


def record_event(event):
    _events.write(json.dumps(event) + "\n")


def record_error(error):
    print("error:", error, file=_events)


futures = []
with ThreadPoolExecutor() as executor:
    for n in range(8):
        futures.append(executor.submit(log_request, str(n)))
        futures.append(executor.submit(refresh_cache, [str(n)]))
        futures.append(executor.submit(record_event, {"n": n}))
for n in range(4):
    threading.Thread(target=save_state, args=({"n": n},)).start()
threading.Thread(target=write_summary, args=({},)).start()
threading.Thread(target=write_totals, args=({},)).start()
threading.Thread(target=record_error, args=("boom",)).start()
for future in futures:
    future.result()
