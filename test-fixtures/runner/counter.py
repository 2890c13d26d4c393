"""A method target: `Counter.increment` runs on one fresh Counter() shared by all threads."""

import threading
import time


class Counter:
    def __init__(self):
        self.value = 0
        self.lock = threading.Lock()

    def increment(self):
        with self.lock:
            self.value += 1
        time.sleep(0.001)
