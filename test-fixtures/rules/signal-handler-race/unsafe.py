"""Signal handlers that take locks, block or change shared state; handlers installed from threads."""
import logging
import queue
import signal
import threading
import time

log = logging.getLogger(__name__)
_state_lock = threading.Lock()
_stop = threading.Event()
_commands = queue.Queue()
_received = []
_config = {}


def on_term(signum, frame):
    with _state_lock:
        _config["stopping"] = True


def _flush_metrics():
    _state_lock.acquire()
    try:
        _config.clear()
    finally:
        _state_lock.release()


def on_usr1(signum, frame):
    _flush_metrics()


def on_usr2(signum, frame):
    print("dumping state:", len(_config))


def on_chld(signum, frame):
    _commands.put(("reap", signum))


def on_alrm(signum, frame):
    _received.append(signum)


class Server:
    def __init__(self):
        self.handled = 0

    def reload(self, signum, frame):
        log.info("reloading configuration after signal %s", signum)


def install_late():
    signal.signal(signal.SIGWINCH, signal.SIG_IGN)


def main():
    server = Server()
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGUSR1, on_usr1)
    signal.signal(signal.SIGUSR2, on_usr2)
    signal.signal(signal.SIGINT, lambda signum, frame: _stop.set())
    signal.signal(signal.SIGCHLD, on_chld)
    signal.signal(signal.SIGALRM, on_alrm)
    signal.signal(signal.SIGHUP, server.reload)
    threading.Thread(target=install_late).start()
    while not _stop.wait(1.0):
        with _state_lock:
            _config["tick"] = time.monotonic()
        for signum in _received:
            log.debug("got %s", signum)
        _received.clear()


if __name__ == "__main__":
    main()
