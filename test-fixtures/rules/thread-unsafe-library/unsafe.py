"""Thread-unsafe library APIs used in code that runs in threads."""
import contextlib
import io
import locale
import os
import random
import socket
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import matplotlib.pyplot as plt
import numpy as np


def render_chart(series, path):
    plt.figure(figsize=(4, 3))
    plt.plot(series)
    plt.savefig(path)
    plt.close()


def simulate(seed, steps):
    random.seed(seed)
    return [random.random() for _ in range(steps)]


def sample(seed):
    np.random.seed(seed)
    return np.random.rand(3)


def build(project_dir):
    os.chdir(project_dir)
    return subprocess.run(["make"], check=False).returncode


def build_with_flags(project_dir, flags):
    os.environ["CFLAGS"] = flags
    return subprocess.run(["make"], cwd=project_dir, check=False).returncode


def format_price(value, name):
    locale.setlocale(locale.LC_ALL, name)
    return locale.currency(value)


def walk_tree(tree):
    sys.setrecursionlimit(10_000)
    return tree.walk()


def fetch(host):
    socket.setdefaulttimeout(5)
    with socket.create_connection((host, 80)) as conn:
        return conn.recv(1024)


def capture(job):
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        job()
    return buffer.getvalue()


def quietly(job):
    saved = sys.stdout
    sys.stdout = io.StringIO()
    try:
        job()
    finally:
        sys.stdout = saved


class Exporter:
    def __init__(self):
        self._lock = threading.Lock()
        self.exported = 0

    def export(self, path, rows):
        old = os.umask(0o077)
        try:
            path.write_text("\n".join(rows))
        finally:
            os.umask(old)
        with self._lock:
            self.exported += 1


def run(jobs, hosts):
    with ThreadPoolExecutor() as pool:
        charts = [pool.submit(render_chart, job.series, job.path) for job in jobs]
        pages = list(pool.map(fetch, hosts))
        for chart in charts:
            chart.result()
    workers = [
        threading.Thread(target=simulate, args=(1, 10)),
        threading.Thread(target=sample, args=(2,)),
        threading.Thread(target=build, args=("lib",)),
        threading.Thread(target=build_with_flags, args=("app", "-O2")),
        threading.Thread(target=format_price, args=(9.5, "de_DE.UTF-8")),
        threading.Thread(target=walk_tree, args=(jobs[0],)),
        threading.Thread(target=capture, args=(jobs[1],)),
        threading.Thread(target=quietly, args=(jobs[2],)),
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return pages
