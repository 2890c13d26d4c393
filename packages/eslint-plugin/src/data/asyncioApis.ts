// asyncio mixed with threads, as data (facts §9): the calls that block the
// thread that makes them — inside `async def`, the whole event loop — and the
// asyncio objects that only their own loop's thread may touch. A new blocking
// API or loop-only method is one entry here.

/** How a blocking call inside `async def` can be rewritten mechanically. */
export type BlockingRewrite = "sleep" | "to_thread" | "none";

/** Where a call's "do not block" flag or its timeout sits. */
export interface ArgumentPosition {
  position: number;
  keyword: string;
}

export interface BlockingApi {
  /** What the call waits for, for the message: "sleeps", "waits for an HTTP response". */
  waits: string;
  /** The asyncio way to wait for it, for the message. */
  instead: string;
  rewrite: BlockingRewrite;
  /** A false literal here makes the call return at once (`acquire(blocking=False)`). */
  blockFlag?: ArgumentPosition;
  /** A zero literal here makes the call return at once (`wait(timeout=0)`). */
  timeout?: ArgumentPosition;
  /** It blocks only when the queue has a `maxsize` (`Queue.put`). */
  boundedOnly?: boolean;
}

const TO_THREAD = "`await asyncio.to_thread(…)`";
const http = (instead: string): BlockingApi => ({ waits: "waits for an HTTP response", instead, rewrite: "to_thread" });
const process: BlockingApi = {
  waits: "waits for a child process",
  instead: `\`await asyncio.create_subprocess_exec(…)\` or ${TO_THREAD}`,
  rewrite: "to_thread",
};

/** Module functions (by qualified name) that block the calling thread. */
export const blockingFunctions: Readonly<Record<string, BlockingApi>> = {
  "time.sleep": { waits: "sleeps", instead: "`await asyncio.sleep(…)`", rewrite: "sleep" },
  ...Object.fromEntries(
    ["get", "post", "put", "patch", "delete", "head", "options", "request"].flatMap((m) => [
      [`requests.${m}`, http(`an async HTTP client, or ${TO_THREAD}`)],
      [`httpx.${m}`, http(`\`httpx.AsyncClient\`, or ${TO_THREAD}`)],
    ]),
  ),
  "urllib.request.urlopen": http(`an async HTTP client, or ${TO_THREAD}`),
  "subprocess.run": process,
  "subprocess.call": process,
  "subprocess.check_call": process,
  "subprocess.check_output": process,
  "os.system": process,
  "concurrent.futures.wait": {
    waits: "waits for futures of threads or processes",
    instead: "`await asyncio.wait([asyncio.wrap_future(f) for f in fs])`",
    rewrite: "to_thread",
  },
};

const acquire = (instead: string, rewrite: BlockingRewrite): BlockingApi => ({
  waits: "waits for the lock",
  instead,
  rewrite,
  blockFlag: { position: 0, keyword: "blocking" },
  timeout: { position: 1, keyword: "timeout" },
});
const waitFor = (what: string, instead: string): BlockingApi => ({
  waits: `waits for ${what}`,
  instead,
  rewrite: "to_thread",
  timeout: { position: 0, keyword: "timeout" },
});
const queueGet: BlockingApi = {
  waits: "waits for an item",
  instead: `an \`asyncio.Queue\` (fed with \`loop.call_soon_threadsafe(q.put_nowait, item)\` from threads), or ${TO_THREAD}`,
  rewrite: "to_thread",
  blockFlag: { position: 0, keyword: "block" },
  timeout: { position: 1, keyword: "timeout" },
};
const queuePut: BlockingApi = {
  waits: "waits for room in the bounded queue",
  instead: `\`put_nowait\`, or ${TO_THREAD}`,
  rewrite: "to_thread",
  blockFlag: { position: 1, keyword: "block" },
  timeout: { position: 2, keyword: "timeout" },
  boundedOnly: true,
};
const futureWait = (what: string): BlockingApi => ({
  waits: `waits for ${what}`,
  instead: "`await asyncio.wrap_future(future)`",
  rewrite: "to_thread",
  timeout: { position: 0, keyword: "timeout" },
});

/** The future `executor.submit(…)` and `asyncio.run_coroutine_threadsafe(…)` return (a kind, not a constructor). */
export const CONCURRENT_FUTURE = "concurrent.futures.Future";

const lockMethods = {
  acquire: acquire(`an \`asyncio.Lock\` if only tasks share it, or ${TO_THREAD}`, "to_thread"),
};
const reentrantLockMethods = {
  // An RLock must be released by the thread that took it: it cannot be taken in a helper thread.
  acquire: acquire("an `asyncio.Lock` if only tasks share it", "none"),
};
const conditionMethods = {
  ...reentrantLockMethods,
  wait: waitFor("a notification", "an `asyncio.Condition` if only tasks share it"),
  wait_for: { ...waitFor("a notification", "an `asyncio.Condition` if only tasks share it"), timeout: { position: 1, keyword: "timeout" } },
};

/** Methods that block, by the constructor of the object they are called on. */
export const blockingMethods: Readonly<Record<string, Readonly<Record<string, BlockingApi>>>> = {
  "threading.Lock": lockMethods,
  "_thread.allocate_lock": lockMethods,
  "threading.Semaphore": lockMethods,
  "threading.BoundedSemaphore": lockMethods,
  "threading.RLock": reentrantLockMethods,
  "threading.Condition": conditionMethods,
  "threading.Event": { wait: waitFor("the event", `an \`asyncio.Event\` (set with \`loop.call_soon_threadsafe(event.set)\`), or ${TO_THREAD}`) },
  "threading.Barrier": { wait: waitFor("the other parties", TO_THREAD) },
  "threading.Thread": { join: waitFor("the thread to end", TO_THREAD) },
  "queue.Queue": { get: queueGet, put: queuePut },
  "queue.LifoQueue": { get: queueGet, put: queuePut },
  "queue.PriorityQueue": { get: queueGet, put: queuePut },
  "queue.SimpleQueue": { get: queueGet },
  [CONCURRENT_FUTURE]: { result: futureWait("the future's result"), exception: futureWait("the future to finish") },
};

/** Blocking context managers: `with lock:` (not `async with`) inside a coroutine. */
export const blockingWithConstructors = new Set([
  "threading.Lock",
  "threading.RLock",
  "threading.Semaphore",
  "threading.BoundedSemaphore",
  "threading.Condition",
  "_thread.allocate_lock",
]);

/** What asyncio object a call makes: loops, futures, tasks, queues, events. */
export type AsyncioKind = "loop" | "future" | "task" | "queue" | "event" | "semaphore";

/** Calls and annotations (by qualified name) that denote an asyncio object of a kind. */
export const asyncioConstructors: Readonly<Record<string, AsyncioKind>> = {
  "asyncio.get_event_loop": "loop",
  "asyncio.get_running_loop": "loop",
  "asyncio.new_event_loop": "loop",
  "asyncio.AbstractEventLoop": "loop",
  "asyncio.BaseEventLoop": "loop",
  "asyncio.events.AbstractEventLoop": "loop",
  "uvloop.new_event_loop": "loop",
  "asyncio.Future": "future",
  "asyncio.Task": "task",
  "asyncio.create_task": "task",
  "asyncio.ensure_future": "task",
  "asyncio.Queue": "queue",
  "asyncio.LifoQueue": "queue",
  "asyncio.PriorityQueue": "queue",
  "asyncio.Event": "event",
  "asyncio.Semaphore": "semaphore",
  "asyncio.BoundedSemaphore": "semaphore",
};

/** Loop methods that make asyncio objects, with the qualified name of what they make. */
export const loopFactories: Readonly<Record<string, string>> = {
  create_future: "asyncio.Future",
  create_task: "asyncio.Task",
};

/** A name that says it holds an event loop (`loop`, `self._loop`, `main_loop`), for receivers of unknown kind. */
export const LOOP_NAME = /(^|_)loop$/i;

/** How code in another thread should do what a loop-only call does. */
export type ThreadsafeRewrite =
  /** `loop.call_soon(…)` → `loop.call_soon_threadsafe(…)`: same arguments, same result. */
  | "threadsafe"
  /** `loop.create_task(coro)` → `asyncio.run_coroutine_threadsafe(coro, loop)`. */
  | "run_coroutine_threadsafe"
  /** `obj.m(args)` → `<loop>.call_soon_threadsafe(obj.m, args)`. */
  | "via_call_soon_threadsafe";

export interface LoopOnlyMethod {
  instead: string;
  rewrite: ThreadsafeRewrite;
}

const viaLoop = (instead: string): LoopOnlyMethod => ({ instead, rewrite: "via_call_soon_threadsafe" });

/** Event-loop methods that only the loop's own thread may call. */
export const loopOnlyMethods: Readonly<Record<string, LoopOnlyMethod>> = {
  call_soon: { instead: "`loop.call_soon_threadsafe(…)`", rewrite: "threadsafe" },
  call_later: viaLoop("`loop.call_soon_threadsafe(loop.call_later, delay, callback)`"),
  call_at: viaLoop("`loop.call_soon_threadsafe(loop.call_at, when, callback)`"),
  create_task: { instead: "`asyncio.run_coroutine_threadsafe(coro, loop)`", rewrite: "run_coroutine_threadsafe" },
  stop: viaLoop("`loop.call_soon_threadsafe(loop.stop)`"),
};

/** Methods of asyncio objects (by kind) that only their loop's thread may call. */
export const loopOnlyObjectMethods: Readonly<Partial<Record<AsyncioKind, ReadonlySet<string>>>> = {
  future: new Set(["set_result", "set_exception", "cancel", "add_done_callback"]),
  task: new Set(["cancel", "add_done_callback"]),
  queue: new Set(["put_nowait", "get_nowait", "task_done"]),
  event: new Set(["set", "clear"]),
  semaphore: new Set(["release"]),
};

/** Module functions that need a running loop in the calling thread. */
export const runningLoopFunctions: Readonly<Record<string, LoopOnlyMethod>> = {
  "asyncio.create_task": { instead: "`asyncio.run_coroutine_threadsafe(coro, loop)`", rewrite: "run_coroutine_threadsafe" },
  "asyncio.ensure_future": { instead: "`asyncio.run_coroutine_threadsafe(coro, loop)`", rewrite: "run_coroutine_threadsafe" },
};

/** Loop methods whose callback runs on the loop's own thread. */
export const loopCallbackRegistrations = new Set([
  "call_soon",
  "call_soon_threadsafe",
  "call_later",
  "call_at",
  "add_reader",
  "add_writer",
  "add_signal_handler",
]);
