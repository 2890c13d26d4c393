"""Look-alikes that must not be reported by aether/sqlite-shared-connection."""
import queue
import sqlite3
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

DB_PATH = "events.sqlite3"

_db_lock = threading.Lock()
_db = sqlite3.connect(DB_PATH, check_same_thread=False)
_local = threading.local()
_rows = queue.Queue()


def record_locked(event):
    with _db_lock:
        _db.execute("INSERT INTO events VALUES (?)", (event,))
        _db.commit()


def record_acquire(event):
    _db_lock.acquire()
    try:
        _db.execute("INSERT INTO events VALUES (?)", (event,))
    finally:
        _db_lock.release()


def _insert(event):
    # Every caller holds _db_lock.
    _db.execute("INSERT INTO events VALUES (?)", (event,))


def record_via_helper(event):
    with _db_lock:
        _insert(event)


def per_thread_connection():
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = _local.conn = sqlite3.connect(DB_PATH)
    return conn.execute("SELECT count(*) FROM events").fetchone()


def own_connection(query):
    with sqlite3.connect(DB_PATH) as conn:
        return conn.execute(query).fetchall()


def produce(event):
    _rows.put(event)


class Writer(threading.Thread):
    """The only thread that writes; it opens its connection in run()."""

    def run(self):
        self.conn = sqlite3.connect(DB_PATH)
        while (event := _rows.get()) is not None:
            self._write(event)

    def _write(self, event):
        self.conn.execute("INSERT INTO events VALUES (?)", (event,))


def count_in_process(_):
    # Runs in a worker process, which has its own connection.
    return _db.execute("SELECT count(*) FROM events").fetchone()


def single_reader(conn):
    return conn.execute("SELECT * FROM events").fetchall()


def main():
    _db.execute("CREATE TABLE IF NOT EXISTS events (name TEXT)")
    futures = []
    with ThreadPoolExecutor() as pool:
        for n in range(10):
            futures.append(pool.submit(record_locked, n))
            futures.append(pool.submit(record_acquire, n))
            futures.append(pool.submit(record_via_helper, n))
            futures.append(pool.submit(per_thread_connection))
            futures.append(pool.submit(own_connection, "SELECT 1"))
            futures.append(pool.submit(produce, n))
    for future in futures:
        future.result()
    Writer().start()
    with ProcessPoolExecutor() as processes:
        list(processes.map(count_in_process, range(4)))
    handed_over = sqlite3.connect(DB_PATH, check_same_thread=False)
    threading.Thread(target=single_reader, args=(handed_over,)).start()
    print(_db.execute("SELECT count(*) FROM events").fetchone())


if __name__ == "__main__":
    main()
