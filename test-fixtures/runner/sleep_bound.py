"""Sleep-bound: each call waits 5 ms and holds no lock, so throughput grows
linearly with threads (the GIL is released while sleeping)."""

import time


def wait():
    time.sleep(0.005)
