"""ctypes helpers: zero-copy registry lookups and C-double checksums via the C API."""
from __future__ import annotations

import ctypes as C
import logging
import zlib
from concurrent.futures import ThreadPoolExecutor
from ctypes import pythonapi as capi

log = logging.getLogger(__name__)

REGISTRY: dict[str, float] = {}  # symbol -> last published price
_scratch = (C.c_double * 256)()  # conversion buffer reused by every checksum

C.pythonapi.PyDict_GetItem.argtypes = (C.py_object, C.py_object)
C.pythonapi.PyDict_GetItem.restype = C.c_void_p  # borrowed PyObject*
C.pythonapi.Py_IncRef.argtypes = (C.py_object,)
C.pythonapi.Py_DecRef.argtypes = (C.py_object,)
capi.PyGILState_Ensure.restype = C.c_int
capi.PyGILState_Release.argtypes = (C.c_int,)


def publish(symbol: str, price: float) -> None:
    """Make *price* visible to native readers."""
    REGISTRY[symbol] = price


def registry_price(symbol: str) -> float | None:
    """Look *symbol* up without going through dict methods."""
    addr = C.pythonapi.PyDict_GetItem(REGISTRY, symbol)
    return None if addr is None else C.cast(addr, C.py_object).value


def _checksum_batch(prices: list[float]) -> float:
    """Sum a batch as C doubles; holding the GIL state keeps other threads off _scratch."""
    n = min(len(prices), len(_scratch))
    state = capi.PyGILState_Ensure()
    try:
        for i in range(n):
            _scratch[i] = prices[i]
        return float(sum(_scratch[:n]))
    finally:
        capi.PyGILState_Release(state)


def blob_crc(blob: bytes) -> int:
    """CRC of *blob* read through its raw buffer; the extra reference keeps it alive meanwhile."""
    C.pythonapi.Py_IncRef(blob)
    try:
        return zlib.crc32(C.string_at(blob, len(blob)))
    finally:
        C.pythonapi.Py_DecRef(blob)


def self_check(symbols: tuple[str, ...], batches: list[list[float]]) -> dict[str, object]:
    """Exercise the native helpers from a small pool (start-up sanity check)."""
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="native") as pool:
        prices = dict(zip(symbols, pool.map(registry_price, symbols)))
        sums = list(pool.map(_checksum_batch, batches))
        crcs = list(pool.map(blob_crc, [s.encode() for s in symbols]))
    log.debug("native self-check: %d prices, %d sums", len(prices), len(sums))
    return {"prices": prices, "sums": sums, "crcs": crcs}
