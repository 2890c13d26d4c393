"""Sleeps 5 ms a call and holds no lock: throughput grows with threads, so a profile up to 2 threads peaks at 2."""

import time


def wait():
    time.sleep(0.005)
