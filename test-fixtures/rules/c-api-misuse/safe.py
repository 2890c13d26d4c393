"""Look-alikes that must not be reported by aether/c-api-misuse."""
import ctypes
import threading
from ctypes import pythonapi

_lock = threading.Lock()

# Declaring signatures is configuration, not a call.
pythonapi.PyDict_GetItem.restype = ctypes.py_object
pythonapi.PyDict_GetItem.argtypes = [ctypes.py_object, ctypes.py_object]


def hold(obj):
    # Balanced reference counting on an object the caller holds is thread-safe.
    pythonapi.Py_IncRef(ctypes.py_object(obj))
    try:
        return id(obj)
    finally:
        pythonapi.Py_DecRef(ctypes.py_object(obj))


def lookup(registry, key):
    # The Python-level operation is atomic and returns a strong reference.
    with _lock:
        return registry.get(key)


def unrelated_api(lib):
    # Same function names on another library are not the CPython C API.
    lib.PyGILState_Ensure()
    return lib.PyDict_GetItem(1, 2)


class pythonapi_like:
    def PyGILState_Ensure(self):
        return 0


def shadowed():
    pythonapi = pythonapi_like()
    return pythonapi.PyGILState_Ensure()


def version():
    return ctypes.pythonapi.Py_GetVersion
