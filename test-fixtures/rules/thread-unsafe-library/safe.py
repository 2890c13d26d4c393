"""Look-alikes that must not be reported by aether/thread-unsafe-library."""
import io
import locale
import multiprocessing
import os
import random
import socket
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

_plot_lock = threading.Lock()


def render_chart(series, path):
    fig = Figure(figsize=(4, 3))
    ax = fig.subplots()
    ax.plot(series)
    fig.savefig(path)


def render_locked(series, path):
    with _plot_lock:
        plt.figure()
        plt.plot(series)
        plt.savefig(path)
        plt.close()


def simulate(seed, steps):
    rng = random.Random(seed)
    return [rng.random() for _ in range(steps)]


def sample(seed):
    rng = np.random.default_rng(seed)
    return rng.random(3)


def build(project_dir, flags):
    env = {**os.environ, "CFLAGS": flags}
    home = os.environ.get("HOME", "/")
    return subprocess.run(["make"], cwd=project_dir, env=env, check=False).returncode, home


def fetch(host):
    with socket.create_connection((host, 80), timeout=5) as conn:
        conn.settimeout(10)
        return conn.recv(1024)


def capture(job):
    buffer = io.StringIO()
    print("running", job, file=buffer)
    return buffer.getvalue()


class Settings:
    def __init__(self):
        self.stdout = io.StringIO()
        self.environ = {}

    def configure(self, key, value):
        self.environ[key] = value
        self.stdout = io.StringIO()


def compress_in_child(path):
    os.chdir(os.path.dirname(path))
    random.seed(0)
    return os.path.basename(path)


def show_summary(values):
    plt.plot(values)
    plt.show()


def main(jobs, hosts):
    locale.setlocale(locale.LC_ALL, "")
    sys.setrecursionlimit(5_000)
    socket.setdefaulttimeout(30)
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    settings = Settings()
    settings.configure("mode", "fast")
    child = multiprocessing.Process(target=compress_in_child, args=("data/archive.tar",))
    child.start()
    with ThreadPoolExecutor() as pool:
        futures = [pool.submit(render_chart, job.series, job.path) for job in jobs]
        futures += [pool.submit(render_locked, job.series, job.path) for job in jobs]
        futures += [pool.submit(simulate, n, 10) for n in range(4)]
        futures += [pool.submit(sample, n) for n in range(4)]
        futures += [pool.submit(build, "app", "-O2"), pool.submit(capture, "job")]
        pages = list(pool.map(fetch, hosts))
        for future in futures:
            future.result()
    child.join()
    show_summary([len(page) for page in pages])


if __name__ == "__main__":
    main([], ["example.com"])
