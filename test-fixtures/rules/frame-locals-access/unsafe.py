"""Frame objects read, written or shared across threads."""
import inspect
import queue
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

_handoff = queue.Queue()
_entered = {}


def sample_requests():
    """A sampling profiler that peeks at what every thread is serving."""
    found = {}
    for tid, frame in sys._current_frames().items():
        found[tid] = frame.f_locals.get("request_id")
    return found


def request_of(thread_id):
    return sys._current_frames()[thread_id].f_locals.get("request")


def deepest_user(thread_id):
    frames = sys._current_frames()
    frame = frames.get(thread_id)
    while frame is not None:
        if "user" in frame.f_locals:
            return frame.f_locals["user"]
        frame = frame.f_back
    return None


def _arguments(frame):
    return inspect.getargvalues(frame)


def dump_arguments():
    return [_arguments(frame) for frame in sys._current_frames().values()]


def _watch(frame, seconds):
    time.sleep(seconds)
    print(frame.f_code.co_name)


def watchdog(seconds):
    threading.Thread(target=_watch, args=(sys._getframe(1), seconds), daemon=True).start()


def report_progress():
    _handoff.put(inspect.currentframe())


def handle(job):
    _entered[threading.get_ident()] = sys._getframe()
    return job * 2


def apply_edits(edits):
    """A remote debugger's worker: applies edits sent from the UI thread."""
    for frame, name, value in edits:
        frame.f_locals[name] = value


class Debugger:
    def __init__(self):
        self._lock = threading.Lock()
        self._paused = []

    def pause(self, frame):
        with self._lock:
            self._paused.append(frame.f_code.co_name)

    def set_variable(self, frame, name, value):
        frame.f_locals.update({name: value})


with ThreadPoolExecutor() as pool:
    for n in range(4):
        pool.submit(handle, n)
    pool.submit(report_progress)

threading.Thread(target=apply_edits, args=([],)).start()
