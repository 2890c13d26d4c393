// Signal handling as data: how handlers are registered, which calls only the
// main thread may make, and what a handler must not do because it runs in
// the main thread on top of whatever that thread was doing — take a lock the
// interrupted code may hold (also the ones hidden inside `Event`, `Queue`,
// `Semaphore`, `Barrier`), or block and write streams (FREE_THREADING_FACTS.md §8).
import { table } from "./lookup.js";

/** Calls that install a Python-level signal handler: the handler's position. */
export const handlerRegistrations: Readonly<Record<string, number>> = table({
  "signal.signal": 1,
});

/** Calls that raise `ValueError` outside the main thread of the main interpreter. */
export const mainThreadOnly = new Set(["signal.signal", "signal.set_wakeup_fd"]);

export interface HiddenLock {
  /** Methods that take the object's internal lock. */
  methods: ReadonlySet<string>;
  /** When the main thread holds that lock. */
  heldWhen: string;
  /** A reported instance of the deadlock, if any. */
  reference?: string;
}

const QUEUE: HiddenLock = {
  methods: new Set(["put", "put_nowait", "get", "get_nowait", "task_done", "join", "qsize", "empty", "full"]),
  heldWhen: "the main thread holds it inside `put()` and `get()` on the same queue",
};
const EVENT: HiddenLock = {
  methods: new Set(["set", "clear", "wait"]),
  heldWhen: "the main thread holds it inside `wait()`, while it checks the flag and after each timeout",
  reference: "CPython gh-126434",
};
const SEMAPHORE: HiddenLock = {
  methods: new Set(["release"]),
  heldWhen: "the main thread holds it inside `acquire()`",
};

/**
 * Thread-synchronisation objects whose methods take a non-reentrant lock of
 * their own (`Event` is built on `Condition(Lock())`). `queue.SimpleQueue` is
 * not here: its `put` is documented as reentrant.
 */
export const hiddenLocks: Readonly<Record<string, HiddenLock>> = table({
  "threading.Event": EVENT,
  "multiprocessing.Event": EVENT,
  "threading.Semaphore": SEMAPHORE,
  "threading.BoundedSemaphore": SEMAPHORE,
  "threading.Barrier": { methods: new Set(["wait", "reset", "abort"]), heldWhen: "the main thread holds it inside `wait()`" },
  "queue.Queue": QUEUE,
  "queue.LifoQueue": QUEUE,
  "queue.PriorityQueue": QUEUE,
});

const STREAM =
  "buffered streams are not reentrant, so if the signal lands while the main thread is writing to the same stream, this write fails with `RuntimeError: reentrant call`";
const LOGGING =
  "the logging docs warn that it may be unusable from signal handlers, since it takes its handlers' locks and writes their streams (if the signal lands during a log call, this one fails with `RuntimeError: reentrant call`)";
const BLOCKS = "it blocks the main thread, and the code the signal interrupted (with any lock it holds) cannot continue until it returns";

/** Calls (by qualified name) a signal handler should not make, and why. */
export const handlerUnsafeCalls: Readonly<Record<string, string>> = table({
  "builtins.print": STREAM,
  "builtins.input": BLOCKS,
  "sys.stdout.write": STREAM,
  "sys.stderr.write": STREAM,
  "sys.stdout.flush": STREAM,
  "sys.stderr.flush": STREAM,
  "logging.debug": LOGGING,
  "logging.info": LOGGING,
  "logging.warning": LOGGING,
  "logging.warn": LOGGING,
  "logging.error": LOGGING,
  "logging.exception": LOGGING,
  "logging.critical": LOGGING,
  "logging.fatal": LOGGING,
  "logging.log": LOGGING,
  "subprocess.run": BLOCKS,
  "subprocess.call": BLOCKS,
  "subprocess.check_call": BLOCKS,
  "subprocess.check_output": BLOCKS,
  "os.system": BLOCKS,
  "socket.create_connection": BLOCKS,
  "urllib.request.urlopen": BLOCKS,
  "requests.get": BLOCKS,
  "requests.post": BLOCKS,
  "requests.put": BLOCKS,
  "requests.delete": BLOCKS,
  "requests.request": BLOCKS,
});

/** Constructors of loggers, and the methods of a logger that log. */
export const loggerFactories = new Set(["logging.getLogger", "logging.Logger", "logging.LoggerAdapter"]);
export const loggerMethods = new Set(["debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"]);
export const LOGGER_REASON = LOGGING;
