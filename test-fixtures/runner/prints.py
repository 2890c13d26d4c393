"""A target that writes to stdout and reads stdin: neither may disturb the harness's protocol."""

import os
import sys
import time


def chatty():
    print("chatter from print()")
    os.write(1, b"raw write to file descriptor 1\n")
    sys.stdin.read()
    time.sleep(0.001)
