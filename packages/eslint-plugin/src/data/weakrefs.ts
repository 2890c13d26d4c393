// Weak references as data: the containers that hold objects weakly (their
// iteration and check-then-act race with other threads and with the
// collector), and the calls that register a callback run in whichever thread
// drops the last reference (FREE_THREADING_FACTS.md §6).

/** Constructors of weak containers. */
export const weakContainers = new Set([
  "weakref.WeakValueDictionary",
  "weakref.WeakKeyDictionary",
  "weakref.WeakSet",
  "_weakrefset.WeakSet",
]);

/** The first Python version whose weak containers iterate over a snapshot (gh-89967, gh-123089). */
export const WEAK_ITERATION_FIXED_MINOR = 14;

/** Methods of weak containers that iterate them. */
export const weakIterationMethods = new Set(["items", "keys", "values", "keyrefs", "valuerefs", "itervaluerefs", "iterkeyrefs"]);

/** Calls that register a callback for when an object dies: the callback's position. */
export const weakCallbackRegistrations: Readonly<Record<string, number>> = {
  "weakref.ref": 1,
  "weakref.proxy": 1,
  "weakref.WeakMethod": 1,
  "weakref.finalize": 1,
  "_weakref.ref": 1,
};

/** Queues whose `put` takes a non-reentrant lock: a callback that runs while its thread holds it deadlocks. */
export const nonReentrantQueues = new Set(["queue.Queue", "queue.LifoQueue", "queue.PriorityQueue"]);

/** Their putting methods. (`queue.SimpleQueue.put` is reentrant by contract and not here.) */
export const queuePutMethods = new Set(["put", "put_nowait"]);
