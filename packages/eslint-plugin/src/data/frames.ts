// Frame objects as data: where a frame comes from (this thread's own stack,
// or the running stacks of other threads), which attributes and library
// calls read it, and the CPython versions in which touching another thread's
// frame can crash a free-threaded build (FREE_THREADING_FACTS.md §1, §16).
import { table } from "./lookup.js";

/** The first minor version with a free-threaded build (3.13t). */
export const FREE_THREADED_FROM_MINOR = 13;

/**
 * From 3.14 frame attributes are locked (gh-128421, PR gh-131479); on 3.13t
 * reading any attribute of another thread's frame is a use-after-free that
 * will not be fixed there (gh-152355).
 */
export const FRAME_ATTRIBUTES_LOCKED_FROM_MINOR = 14;

/**
 * `f_locals` of a frame running in another thread can still crash 3.14t and
 * 3.15t (gh-144446, open, labelled 3.16; PR gh-145183 proposes the fix).
 */
export const FOREIGN_LOCALS_SAFE_FROM_MINOR = 16;

/** Calls that return a frame of the calling thread's own stack. */
export const ownFrameSources = new Set(["sys._getframe", "inspect.currentframe"]);

/** Calls that return `{thread id: frame}` for every running thread. */
export const foreignFrameMaps = new Set(["sys._current_frames"]);

/** Attributes of a frame that lead to another frame of the same stack. */
export const frameLinks = new Set(["f_back"]);

/** Attributes that give the frame of a traceback entry or a stack record. */
export const frameHolders = new Set(["tb_frame"]);

/** Library calls that read a frame's `f_locals`, by the position of the frame argument. */
export const localsReaders: Readonly<Record<string, number>> = table({
  "inspect.getargvalues": 0,
});

/** Methods of the `f_locals` proxy that write through to the frame's variables. */
export const localsWriters = new Set(["update", "pop", "popitem", "setdefault", "clear", "__setitem__", "__delitem__"]);

/** Calls that only look at the thread ids of a `_current_frames()` result, never at its frames. */
export const keyOnlyCalls = new Set(["builtins.len", "builtins.list", "builtins.set", "builtins.sorted", "builtins.tuple", "builtins.frozenset"]);

/** Calls that copy a container: a copy of the frame map (or of its items) still holds the same frames. */
export const copyingCalls = new Set(["builtins.dict", "builtins.list", "builtins.sorted", "builtins.tuple"]);

/** Queues: putting a frame there hands it to whichever thread takes it out. */
export const handOffQueues = new Set(["queue.Queue", "queue.SimpleQueue", "queue.LifoQueue", "queue.PriorityQueue"]);

/** Their putting methods. */
export const handOffMethods = new Set(["put", "put_nowait"]);

/** Registrations of trace and profile functions: each call gets a frame of the thread it runs in (its own). */
export const traceRegistrations = new Set([
  "sys.settrace",
  "sys.setprofile",
  "threading.settrace",
  "threading.setprofile",
  "threading.settrace_all_threads",
  "threading.setprofile_all_threads",
]);
