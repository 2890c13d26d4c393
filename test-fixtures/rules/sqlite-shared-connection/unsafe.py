"""A sqlite3 connection or cursor shared between threads without a lock."""
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

DB_PATH = "events.sqlite3"

_db = sqlite3.connect(DB_PATH, check_same_thread=False)
_cursor = _db.cursor()
_metrics = sqlite3.connect("metrics.sqlite3")


def record(event):
    _db.execute("INSERT INTO events VALUES (?)", (event,))
    _db.commit()


def last_event():
    _cursor.execute("SELECT max(id) FROM events")
    return _cursor.fetchone()


def sample_forever():
    with _metrics:
        _metrics.execute("INSERT INTO samples VALUES (1)")


class EventStore:
    def __init__(self, path):
        self._conn = sqlite3.connect(path, check_same_thread=False)
        self._pool = ThreadPoolExecutor(max_workers=8)

    def save(self, row):
        self._conn.execute("INSERT INTO rows VALUES (?)", row)

    def save_all(self, rows):
        return [self._pool.submit(self.save, row) for row in rows]


def bulk_load(path, rows):
    conn = sqlite3.connect(path, check_same_thread=False)

    def insert(row):
        conn.execute("INSERT INTO rows VALUES (?)", row)

    with ThreadPoolExecutor() as pool:
        list(pool.map(insert, rows))


def export_rows(conn):
    for row in conn.execute("SELECT * FROM rows"):
        print(row)


def start_export(path):
    conn = sqlite3.connect(path)
    threading.Thread(target=export_rows, args=(conn,)).start()


class Auditor(threading.Thread):
    def __init__(self, path):
        super().__init__(daemon=True)
        self.conn = sqlite3.connect(path)

    def run(self):
        self.conn.execute("INSERT INTO audit VALUES (1)")


futures = []
with ThreadPoolExecutor() as executor:
    for n in range(10):
        futures.append(executor.submit(record, n))
        futures.append(executor.submit(last_event))
threading.Thread(target=sample_forever).start()
for future in futures:
    future.result()
