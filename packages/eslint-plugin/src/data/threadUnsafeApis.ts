// Library and standard-library APIs that change process-wide state, or are
// documented as not thread-safe, each with why and what to use instead
// (facts §12). One table: the rule matches against it and the rule's doc page
// renders it (`scripts/update-rule-docs.mjs`), so the two cannot drift.
// A shared sqlite3 cursor is not here: it belongs to sqlite-shared-connection.

export interface ThreadUnsafeApi {
  /** How the doc table and messages show the API. */
  api: string;
  /** Calls (qualified names) that use it; `matplotlib.pyplot.*` matches every function of the module. */
  calls?: readonly string[];
  /** Attributes (qualified names) whose assignment uses it: `sys.stdout = …`. */
  assigned?: readonly string[];
  /** Mappings (qualified names) whose item assignment or deletion uses it: `os.environ[k] = …`. */
  items?: readonly string[];
  /** Why it is unsafe when threads run it (a clause, for "…: <reason>."). */
  reason: string;
  /** The safer alternative (a noun phrase, for "Use <instead>."). */
  instead: string;
  /** Whether one lock held around every use makes it safe (then a held lock silences the finding). */
  lockHelps: boolean;
  /** Where to read about the hazard. */
  source: string;
}

export const threadUnsafeApis: readonly ThreadUnsafeApi[] = [
  {
    api: "`matplotlib.pyplot` functions (`plt.figure`, `plt.plot`, `plt.savefig`, …)",
    calls: ["matplotlib.pyplot.*"],
    reason: "pyplot keeps one global current figure and axes, and matplotlib is not thread-safe, so threads plotting at once draw into each other's figures",
    instead: "the object-oriented API, one figure per thread (`fig = matplotlib.figure.Figure()`, `ax = fig.subplots()`, `fig.savefig(…)`), or one lock held around all plotting",
    lockHelps: true,
    source: "https://matplotlib.org/stable/users/faq.html",
  },
  {
    api: "`random.seed()`, `random.setstate()`",
    calls: ["random.seed", "random.setstate"],
    reason: "the module's functions share one hidden `random.Random`, so reseeding it in a thread changes every thread's numbers (no run is reproducible) while all threads contend for it",
    instead: "one generator per thread (`rng = random.Random(seed)`)",
    lockHelps: false,
    source: "https://github.com/python/cpython/issues/118392",
  },
  {
    api: "`numpy.random.seed()`",
    calls: ["numpy.random.seed"],
    reason: "it reseeds NumPy's one global generator, which every thread draws from",
    instead: "one generator per thread (`rng = numpy.random.default_rng(seed)`)",
    lockHelps: false,
    source: "https://numpy.org/doc/stable/reference/random/multithreading.html",
  },
  {
    api: "`os.chdir()`, `os.fchdir()`, `contextlib.chdir()`",
    calls: ["os.chdir", "os.fchdir", "contextlib.chdir"],
    reason: "the working directory belongs to the process, so every other thread's relative paths change under it",
    instead: "absolute paths, and `cwd=` for subprocesses",
    lockHelps: false,
    source: "https://docs.python.org/3/library/contextlib.html#contextlib.chdir",
  },
  {
    api: "`os.environ[…] = …`, `del os.environ[…]`, `os.environ.update()`, `os.putenv()`, `os.unsetenv()`",
    calls: ["os.putenv", "os.unsetenv", "os.environ.update", "os.environ.pop", "os.environ.popitem", "os.environ.setdefault", "os.environ.clear"],
    items: ["os.environ"],
    reason: "the environment belongs to the process and C `setenv()` is not thread-safe, so a thread reading it at the same time (in C code, or starting a subprocess) can see a torn value or crash",
    instead: "an explicit value, and `env={**os.environ, \"KEY\": value}` for subprocesses",
    lockHelps: false,
    source: "https://docs.python.org/3/library/os.html#os.environ",
  },
  {
    api: "`locale.setlocale()`",
    calls: ["locale.setlocale"],
    reason: "the locale belongs to the process and `setlocale` is documented as not thread-safe (it has crashed free-threaded builds of `regex`)",
    instead: "one `setlocale` call at start-up, before threads start",
    lockHelps: false,
    source: "https://docs.python.org/3/library/locale.html#locale.setlocale",
  },
  {
    api: "`sys.setrecursionlimit()`",
    calls: ["sys.setrecursionlimit"],
    reason: "the limit is shared by every thread of the interpreter, so one thread changes it for all of them",
    instead: "one call at start-up, before threads start",
    lockHelps: false,
    source: "https://docs.python.org/3/library/sys.html#sys.setrecursionlimit",
  },
  {
    api: "`socket.setdefaulttimeout()`",
    calls: ["socket.setdefaulttimeout"],
    reason: "it sets the timeout of every socket created afterwards, in every thread",
    instead: "a timeout per connection (`socket.create_connection(address, timeout=…)`, `sock.settimeout(…)`)",
    lockHelps: false,
    source: "https://docs.python.org/3/library/socket.html#socket.setdefaulttimeout",
  },
  {
    api: "`sys.stdout = …`, `sys.stderr = …`",
    assigned: ["sys.stdout", "sys.stderr"],
    reason: "other threads' output goes to the replacement, and swapping the stream while threads print has crashed free-threaded CPython (gh-130163)",
    instead: "`print(…, file=stream)` or `logging`",
    lockHelps: false,
    source: "https://github.com/python/cpython/issues/130163",
  },
  {
    api: "`contextlib.redirect_stdout()`, `contextlib.redirect_stderr()`",
    calls: ["contextlib.redirect_stdout", "contextlib.redirect_stderr"],
    reason: "it swaps the process-wide `sys.stdout`/`sys.stderr`, so other threads' output is captured too, and swapping while threads print has crashed free-threaded CPython (gh-130163)",
    instead: "`print(…, file=stream)` or `logging` with a handler per task",
    lockHelps: false,
    source: "https://github.com/python/cpython/issues/130163",
  },
  {
    api: "`os.umask()`",
    calls: ["os.umask"],
    reason: "the file-creation mask belongs to the process, so files other threads create meanwhile get the wrong permissions",
    instead: "an explicit `mode=` (`os.open(path, flags, mode)`, `os.makedirs(path, mode)`) or `os.chmod` after creating",
    lockHelps: false,
    source: "https://docs.python.org/3/library/os.html#os.umask",
  },
];

/** The entry for a qualified name used as `form`, if any. */
export function threadUnsafeApiFor(name: string, form: "calls" | "assigned" | "items"): ThreadUnsafeApi | undefined {
  return threadUnsafeApis.find((entry) =>
    (entry[form] ?? []).some((pattern) => {
      if (!pattern.endsWith(".*")) return pattern === name;
      const prefix = pattern.slice(0, -1);
      // Classes re-exported by the module (`plt.Figure`) are the object-oriented API, not its state machine.
      return name.startsWith(prefix) && !name.slice(prefix.length).includes(".") && !/^[A-Z]/.test(name.slice(prefix.length));
    }),
  );
}
