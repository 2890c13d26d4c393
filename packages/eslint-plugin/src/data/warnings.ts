// The warnings module as data: the calls that change the process-wide
// warning filters, the context manager that saves and restores them, and
// the version from which that context manager is context-local on
// free-threaded builds (FREE_THREADING_FACTS.md §3, §16).

/** Context managers that swap the warning filters for the length of a `with` block. */
export const catchWarningsContexts = new Set(["warnings.catch_warnings"]);

/** Calls that change the filters: outside a `catch_warnings` block, the process-wide list. */
export const filterChanges = new Set(["warnings.simplefilter", "warnings.filterwarnings", "warnings.resetwarnings"]);

/**
 * From 3.14, `sys.flags.context_aware_warnings` (on by default on free-threaded
 * builds, off on default builds) keeps `catch_warnings` state in a ContextVar:
 * per thread and per asyncio task.
 */
export const CONTEXT_AWARE_WARNINGS_FROM_MINOR = 14;
