// Python snippets for end-to-end tests, with what the plugin reports on them.

/** Triggers aether/c-api-misuse at line 2, column 1 (ESLint's 1-based columns). */
export const UNSAFE = "import ctypes\nctypes.pythonapi.PyGILState_Ensure()\n";

export const UNSAFE_MESSAGE =
  "`ctypes.pythonapi.PyGILState_Ensure()` assumes the GIL: on a free-threaded build it gives no mutual exclusion, so code it is meant to serialise runs in parallel. Use a threading.Lock around the shared state.";

/** Where UNSAFE's finding ends: after `ctypes.pythonapi.PyGILState_Ensure()`. */
export const UNSAFE_END_COLUMN = 37;

export const SAFE = "import threading\nlock = threading.Lock()\n";

export const SYNTAX_ERROR = "def f(:\n    pass\n";
