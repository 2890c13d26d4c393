"""Look-alikes that must not be reported by aether/signal-handler-race."""
import asyncio
import logging
import os
import queue
import signal
import sys
import threading

log = logging.getLogger(__name__)
_signals = queue.SimpleQueue()
_reload_lock = threading.RLock()
_done = threading.Event()
_stopping = False
_wakeup_r, _wakeup_w = os.pipe()
_settings = {}


def on_term(signum, frame):
    global _stopping
    _stopping = True


def on_hup(signum, frame):
    _signals.put_nowait(signum)


def on_usr1(signum, frame):
    # The self-pipe trick: an unbuffered write of one byte.
    os.write(_wakeup_w, b"\0")


def on_usr2(signum, frame):
    # Reentrant: the interrupted main thread may hold it, and taking it again does not block.
    with _reload_lock:
        _signals.put_nowait(("settings", len(_settings)))


def on_quit(signum, frame):
    sys.exit(128 + signum)


class Worker:
    def __init__(self):
        self.stop_requested = False

    def request_stop(self, signum, frame):
        self.stop_requested = True


def _log_signals():
    # Runs in the main loop, not in a handler.
    while not _signals.empty():
        log.info("received signal %s", _signals.get_nowait())


def notify_done():
    # A worker thread sets the Event: not a signal handler.
    _done.set()


def install_handlers():
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)


async def serve():
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    # The loop runs this callback itself, outside signal context.
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()


def main():
    worker = Worker()
    signal.set_wakeup_fd(_wakeup_w)
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGHUP, on_hup)
    signal.signal(signal.SIGUSR1, on_usr1)
    signal.signal(signal.SIGUSR2, on_usr2)
    signal.signal(signal.SIGQUIT, on_quit)
    signal.signal(signal.SIGINT, worker.request_stop)
    install_handlers()
    threading.Thread(target=notify_done).start()
    threading.Thread(target=install_handlers).start()
    while not _stopping and not worker.stop_requested:
        _log_signals()
        with _reload_lock:
            _settings.update(reload=False)
        _done.wait(0.5)
    asyncio.run(serve())


if __name__ == "__main__":
    main()
