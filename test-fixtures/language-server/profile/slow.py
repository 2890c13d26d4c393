"""A slow call, and a process the module starts when it is imported: cancelling
its profile must leave neither the harness nor that process running."""

import subprocess
import sys
import time

_sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])


def crawl():
    time.sleep(0.3)
