"""A setup that starts a child process, to check that nothing survives a stopped profile.

The harness's pid and the child's are written to the file named by AETHER_TEST_PID_FILE.
"""

import os
import subprocess
import time

_children = []


def start_child():
    child = subprocess.Popen(["sleep", "300"])
    _children.append(child)
    with open(os.environ["AETHER_TEST_PID_FILE"], "w") as pids:
        pids.write("%d %d\n" % (os.getpid(), child.pid))


def work():
    time.sleep(0.01)
