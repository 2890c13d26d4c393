"""Look-alikes that must not be reported by aether/frame-locals-access (on free-threaded 3.14)."""
import inspect
import queue
import sys
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor

_stacks = queue.Queue()
_local = threading.local()
_seen_functions = {}


def sample_stacks():
    """Frame attributes are locked on 3.14: walking code objects and f_back is fine."""
    stacks = {}
    for tid, frame in sys._current_frames().items():
        names = []
        while frame is not None:
            names.append(frame.f_code.co_name)
            frame = frame.f_back
        stacks[tid] = names
    return stacks


def busy_threads():
    # Only the thread ids are used.
    return len(sys._current_frames())


def is_running(thread_id):
    return thread_id in sys._current_frames()


def caller_name():
    # This thread's own caller: same thread, any build.
    return sys._getframe(1).f_code.co_name


def caller_locals():
    return dict(sys._getframe(1).f_locals)


def set_in_caller(name, value):
    inspect.currentframe().f_back.f_locals[name] = value


def _tracer(frame, event, arg):
    # Trace functions run in the thread whose frame they get.
    if event == "call":
        frame.f_locals.setdefault("__traced__", True)
    return None


def report_progress(step):
    # Plain data captured in the frame's own thread crosses threads safely.
    _stacks.put(traceback.extract_stack(sys._getframe()))
    _seen_functions[threading.get_ident()] = sys._getframe().f_code.co_name
    return step


def remember_entry():
    _local.frame = sys._getframe(1)


def local_frames():
    frames = [inspect.currentframe()]
    return [f.f_lineno for f in frames]


class Coverage:
    def __init__(self):
        self._lock = threading.Lock()
        self.lines = set()

    def trace(self, frame, event, arg):
        # Called in the thread that runs `frame`: its own frame.
        frame.f_locals.pop("__coverage_skip__", None)
        with self._lock:
            self.lines.add((frame.f_code.co_filename, frame.f_lineno))
        return self.trace

    def start(self):
        threading.settrace(self.trace)


def run_traced(job):
    sys.settrace(_tracer)
    try:
        return job()
    finally:
        sys.settrace(None)


if __name__ == "__main__":
    futures = []
    with ThreadPoolExecutor() as pool:
        for n in range(4):
            futures.append(pool.submit(sample_stacks))
            futures.append(pool.submit(busy_threads))
            futures.append(pool.submit(is_running, n))
            futures.append(pool.submit(caller_name))
            futures.append(pool.submit(caller_locals))
            futures.append(pool.submit(set_in_caller, "n", n))
            futures.append(pool.submit(report_progress, n))
            futures.append(pool.submit(remember_entry))
            futures.append(pool.submit(local_frames))
            futures.append(pool.submit(run_traced, busy_threads))
    for future in futures:
        future.result()
