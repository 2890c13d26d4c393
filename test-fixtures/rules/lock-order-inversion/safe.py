"""Look-alikes that must not be reported by aether/lock-order-inversion."""
import threading

accounts_lock = threading.Lock()
audit_lock = threading.Lock()
reentrant = threading.RLock()
condition = threading.Condition()


def transfer():
    with accounts_lock:
        with audit_lock:
            pass


def audit():
    # Same order as transfer(): no inversion.
    with accounts_lock:
        with audit_lock:
            pass


def recursive(n):
    with reentrant:
        if n:
            recursive(n - 1)


def nested_rlock():
    with reentrant:
        with reentrant:
            pass


def wait_for_work():
    with condition:
        condition.wait(0.1)


def sequential():
    # Taken one after the other, never nested.
    with audit_lock:
        pass
    with accounts_lock:
        pass


def try_again():
    with accounts_lock:
        # A non-blocking attempt on a held Lock returns False; it cannot deadlock.
        if accounts_lock.acquire(blocking=False):
            accounts_lock.release()


def release_then_take():
    accounts_lock.acquire()
    accounts_lock.release()
    with accounts_lock:
        pass


for target in (transfer, audit, nested_rlock, wait_for_work, sequential, release_then_take, try_again):
    threading.Thread(target=target).start()
threading.Thread(target=recursive, args=(3,)).start()
