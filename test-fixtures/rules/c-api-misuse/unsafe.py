"""C-API calls through ctypes.pythonapi that assume the GIL."""
import ctypes
import ctypes as C
from ctypes import pythonapi
from ctypes import pythonapi as capi
import threading

_registry = {}
ensure_gil = ctypes.pythonapi.PyGILState_Ensure


def critical_section(update):
    # "Serialise" with the GIL: no mutual exclusion on a free-threaded build.
    state = ctypes.pythonapi.PyGILState_Ensure()
    try:
        update()
    finally:
        ctypes.pythonapi.PyGILState_Release(state)


def lookup(key):
    return C.pythonapi.PyDict_GetItem(ctypes.py_object(_registry), ctypes.py_object(key))


def first_item(items):
    return pythonapi.PyList_GetItem(ctypes.py_object(items), 0)


def deref(ref):
    return capi.PyWeakref_GetObject(ctypes.py_object(ref))


def interrupt(thread_id):
    capi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(KeyboardInterrupt))


def release_while_blocking():
    saved = pythonapi.PyEval_SaveThread()
    pythonapi.PyEval_RestoreThread(saved)


def via_alias():
    return ensure_gil()


threading.Thread(target=critical_section, args=(print,)).start()
