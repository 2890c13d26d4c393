"""Imported as pkg.jobs.task (the project root on sys.path), so its relative import works."""

import time

from .timing import PAUSE_SECONDS


def run():
    time.sleep(PAUSE_SECONDS)
