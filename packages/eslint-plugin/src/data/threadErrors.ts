// Where an exception raised in a worker goes, as data (facts §11): the
// objects that carry it back (a future, a result iterator, an AsyncResult) —
// discard one and the error is lost — the calls after which workers are done,
// and the exception-group constructors that refuse empty or `None` items.

export type Carrier = "future" | "iterator" | "asyncResult";

export interface ResultMethod {
  carrier: Carrier;
  /** Which pools have the method with this meaning. */
  pools: "executor" | "multiprocessing";
  /** The keyword that routes the error elsewhere (`error_callback=`), so discarding the result loses nothing. */
  handledBy?: string;
  /** Position of the callable the workers run (for the message). */
  target: number;
}

/** Pool methods whose result carries the workers' exceptions. */
export const resultMethods: Readonly<Record<string, ResultMethod>> = {
  submit: { carrier: "future", pools: "executor", target: 0 },
  // concurrent.futures' map is lazy: its errors surface only while the iterator is consumed.
  // (multiprocessing's map returns a list and raises: nothing to lose.)
  map: { carrier: "iterator", pools: "executor", target: 0 },
  apply_async: { carrier: "asyncResult", pools: "multiprocessing", handledBy: "error_callback", target: 0 },
  map_async: { carrier: "asyncResult", pools: "multiprocessing", handledBy: "error_callback", target: 0 },
  starmap_async: { carrier: "asyncResult", pools: "multiprocessing", handledBy: "error_callback", target: 0 },
};

/** concurrent.futures executors (threads or processes: a lost future loses the error either way). */
export const executors = new Set([
  "concurrent.futures.ThreadPoolExecutor",
  "concurrent.futures.thread.ThreadPoolExecutor",
  "concurrent.futures.ProcessPoolExecutor",
  "concurrent.futures.process.ProcessPoolExecutor",
  "concurrent.futures.InterpreterPoolExecutor",
  "concurrent.futures.Executor",
]);

/** multiprocessing pools, of threads or processes. */
export const multiprocessingPools = new Set([
  "multiprocessing.Pool",
  "multiprocessing.pool.Pool",
  "multiprocessing.pool.ThreadPool",
  "multiprocessing.dummy.Pool",
]);

/** multiprocessing pool methods that return only when every task is done (and raise a task's error). */
export const synchronousPoolMethods = new Set(["map", "starmap", "apply"]);

/** Exception classes (builtins) whose handler catches nearly everything. */
export const catchAllExceptions = new Set(["Exception", "BaseException"]);

/** Context managers that swallow the exceptions they are given (`with suppress(Exception):`). */
export const suppressors = new Set(["contextlib.suppress"]);

/** Methods after whose call the workers of a pool, thread or future have finished. */
export const joinMethods = new Set(["join", "shutdown", "result", "exception", "wait", "get"]);

/** Functions after whose call (or, for `as_completed`, whose loop) the given futures have finished. */
export const joinFunctions = new Set(["concurrent.futures.wait", "concurrent.futures.as_completed", "asyncio.gather", "asyncio.wait"]);

/** Calls that hand back an error's details (so a handler that makes one keeps the error). */
export const errorDetails = new Set(["sys.exc_info", "sys.exception", "traceback.format_exc", "traceback.format_exception"]);

/** Constructors that take a sequence of exceptions and reject an empty one or a `None` item. */
export const exceptionGroups = new Set([
  "builtins.ExceptionGroup",
  "builtins.BaseExceptionGroup",
  "exceptiongroup.ExceptionGroup",
  "exceptiongroup.BaseExceptionGroup",
]);

/** Methods that empty a list in place. */
export const listClears = new Set(["clear"]);
