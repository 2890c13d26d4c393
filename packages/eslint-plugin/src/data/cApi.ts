// The Python C API as reached from Python through `ctypes.pythonapi`, with
// what each function assumes about the GIL. Data, not logic: a new hazardous
// function is one entry here (facts §7).
import { table } from "./lookup.js";

export type CApiHazard = "gil-state" | "borrowed-reference";

export interface CApiEntry {
  hazard: CApiHazard;
  /** What to use instead. */
  instead: string;
}

const gilState = (instead: string): CApiEntry => ({ hazard: "gil-state", instead });
const borrowed = (instead: string): CApiEntry => ({ hazard: "borrowed-reference", instead });

const LOCK = "a threading.Lock around the shared state";

export const cApiHazards: Readonly<Record<string, CApiEntry>> = table({
  PyGILState_Ensure: gilState(LOCK),
  PyGILState_Release: gilState(LOCK),
  PyGILState_GetThisThreadState: gilState("threading.get_ident()"),
  PyGILState_Check: gilState("sys._is_gil_enabled() (3.13+) to ask whether the GIL is on"),
  PyEval_AcquireThread: gilState(LOCK),
  PyEval_ReleaseThread: gilState(LOCK),
  PyEval_SaveThread: gilState(LOCK),
  PyEval_RestoreThread: gilState(LOCK),
  PyEval_AcquireLock: gilState(LOCK),
  PyEval_ReleaseLock: gilState(LOCK),
  PyEval_InitThreads: gilState("nothing: threads are always initialised since 3.7"),
  PyThreadState_Swap: gilState(LOCK),
  PyThreadState_SetAsyncExc: gilState("a threading.Event the target thread checks"),
  PyList_GetItem: borrowed("PyList_GetItemRef (3.13+), or plain indexing in Python"),
  PyDict_GetItem: borrowed("PyDict_GetItemRef (3.13+), or dict.get in Python"),
  PyDict_GetItemString: borrowed("PyDict_GetItemStringRef (3.13+), or dict.get in Python"),
  PyDict_GetItemWithError: borrowed("PyDict_GetItemRef (3.13+), or dict.get in Python"),
  PyWeakref_GetObject: borrowed("PyWeakref_GetRef (3.13+), or calling the weakref in Python"),
  PyWeakref_GET_OBJECT: borrowed("PyWeakref_GetRef (3.13+), or calling the weakref in Python"),
});
