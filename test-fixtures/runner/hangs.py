"""Targets that never return."""

import os
import re
import subprocess
import threading


def hang():
    """Waits forever, with the GIL released: the harness itself can report where."""
    threading.Event().wait()


def hang_holding_gil():
    """Catastrophic regex backtracking never releases the GIL: only killing the process stops it."""
    re.match(r"(a+)+$", "a" * 64 + "b")


def hang_with_child():
    """Starts a child process, records its pid and the harness's, then waits forever."""
    child = subprocess.Popen(["sleep", "300"])
    with open(os.environ["AETHER_TEST_PID_FILE"], "w") as pids:
        pids.write("%d %d\n" % (os.getpid(), child.pid))
    threading.Event().wait()
