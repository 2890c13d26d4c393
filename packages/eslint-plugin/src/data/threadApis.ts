// What the standard library's threading APIs do, as data (RacerD's "models"):
// which calls start a thread and where their target callable sits, which
// constructors make locks, executors and thread-local storage. A new
// thread-entry form or lock type is one line here, not a change to a rule.
import { table } from "./lookup.js";

/** Where a thread-starting call keeps the callable it runs. */
export interface TargetSlot {
  /** Positional index of the callable, or -1 when it is keyword-only. */
  position: number;
  keyword: string | null;
  /** How many threads may run the target at once: "many" for pools and loops of its own. */
  instances: "one" | "many";
}

/** Calls (by qualified name) that run a callable in a new thread. */
export const threadStarters: Readonly<Record<string, TargetSlot>> = table({
  "threading.Thread": { position: 1, keyword: "target", instances: "one" },
  "threading.Timer": { position: 1, keyword: "function", instances: "one" },
  "_thread.start_new_thread": { position: 0, keyword: null, instances: "one" },
  "_thread.start_new": { position: 0, keyword: null, instances: "one" },
  "asyncio.to_thread": { position: 0, keyword: "func", instances: "many" },
});

/** Methods of thread pools that run their first callable argument in pool threads. */
export const poolMethods: Readonly<Record<string, TargetSlot>> = table({
  submit: { position: 0, keyword: "fn", instances: "many" },
  map: { position: 0, keyword: "fn", instances: "many" },
  apply: { position: 0, keyword: "func", instances: "many" },
  apply_async: { position: 0, keyword: "func", instances: "many" },
  map_async: { position: 0, keyword: "func", instances: "many" },
  imap: { position: 0, keyword: "func", instances: "many" },
  imap_unordered: { position: 0, keyword: "func", instances: "many" },
  starmap: { position: 0, keyword: "func", instances: "many" },
  starmap_async: { position: 0, keyword: "func", instances: "many" },
});

/** `loop.run_in_executor(executor, func, *args)`. */
export const RUN_IN_EXECUTOR: TargetSlot = { position: 1, keyword: null, instances: "many" };

/** Constructors of pools whose workers are threads. */
export const threadPools = new Set([
  "concurrent.futures.ThreadPoolExecutor",
  "concurrent.futures.thread.ThreadPoolExecutor",
  "multiprocessing.pool.ThreadPool",
  "multiprocessing.dummy.Pool",
]);

/** Constructors of pools whose workers are processes: nothing is shared, not thread entries. */
export const processPools = new Set([
  "concurrent.futures.ProcessPoolExecutor",
  "concurrent.futures.process.ProcessPoolExecutor",
  "multiprocessing.Pool",
  "multiprocessing.pool.Pool",
  "multiprocessing.Process",
  "multiprocessing.get_context",
]);

/** Registrations whose callback runs when this module's threads are done (exit). */
export const sequentialCallbacks = new Set(["atexit.register", "threading._register_atexit"]);

/** Base classes whose `run` executes in its own thread. */
export const threadClasses = new Set(["threading.Thread"]);

/** Servers that handle each request in a new thread; their handler class's methods are entries. */
export const threadingServers = new Set([
  "http.server.ThreadingHTTPServer",
  "socketserver.ThreadingTCPServer",
  "socketserver.ThreadingUDPServer",
  "socketserver.ThreadingUnixStreamServer",
  "socketserver.ThreadingUnixDatagramServer",
]);

/** Mixins that make a server class threaded. */
export const threadingMixins = new Set(["socketserver.ThreadingMixIn"]);

/** Request-handler methods a threading server calls. */
export const handlerMethod = /^(handle|setup|finish|do_[A-Z]+)$/;

export type LockKind = "lock" | "rlock" | "condition" | "semaphore";

/** Constructors of thread locks (asyncio's locks do not exclude threads and are not here). */
export const lockConstructors: Readonly<Record<string, LockKind>> = table({
  "threading.Lock": "lock",
  "threading.RLock": "rlock",
  "threading.Condition": "condition",
  "threading.Semaphore": "semaphore",
  "threading.BoundedSemaphore": "semaphore",
  "_thread.allocate_lock": "lock",
  "_thread.LockType": "lock",
  "_thread.RLock": "rlock",
  "multiprocessing.Lock": "lock",
  "multiprocessing.RLock": "rlock",
  "multiprocessing.Condition": "condition",
  "multiprocessing.Semaphore": "semaphore",
  "multiprocessing.BoundedSemaphore": "semaphore",
});

/** Per-thread (or per-task) storage: what is stored there is not shared. */
export const threadLocalConstructors = new Set(["threading.local", "_threading_local.local", "contextvars.ContextVar"]);

/** Thread-safe hand-off objects: calling their methods needs no lock. */
export const threadSafeContainers = new Set([
  "queue.Queue",
  "queue.LifoQueue",
  "queue.PriorityQueue",
  "queue.SimpleQueue",
  "threading.Event",
  "threading.Barrier",
  "collections.deque",
  "itertools.count",
]);

/** Constructors of immutable values: state holding them cannot be torn by a mutation. */
export const immutableConstructors = new Set([
  "builtins.tuple",
  "builtins.frozenset",
  "builtins.str",
  "builtins.int",
  "builtins.bytes",
  "types.MappingProxyType",
  "collections.namedtuple",
]);
