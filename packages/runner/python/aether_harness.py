# aether_harness.py: Aether's measuring harness. It does only what needs Python:
# import a target function, call it from N threads released together by a
# barrier until a deadline, and report call counts, per-thread CPU time and
# latency samples as JSON lines. Every decision (thread ladders, curve fits,
# verdicts, pool sizes) is made by the TypeScript engines in aether-runner.
#
# Modes (python aether_harness.py MODE ...):
#   describe              one JSON line: what this interpreter is
#   distributions         one JSON line: installed distributions with extension modules
#   import-check MODULE   one JSON line: whether importing MODULE turned the GIL on
#   serve                 commands as JSON lines on stdin, one JSON line back per command
#
# Standard library only; GIL and free-threaded builds alike. `serve` needs
# Python >= 3.9, but the whole file keeps to syntax Python 2.7 can read (no
# f-strings, nonlocal, annotations or keyword-only arguments), so that
# `aether status` can say what an old interpreter is instead of failing on a
# SyntaxError.

import json
import os
import sys
import sysconfig

PROTOCOL_VERSION = 1
MINIMUM_SERVE_VERSION = (3, 9)
HARNESS_FILE = os.path.abspath(__file__)


# ---------------------------------------------------------------- describe

def cpu_count():
    """CPUs this process may run on (affinity-aware where Python knows how)."""
    counter = getattr(os, "process_cpu_count", None)  # 3.13+
    if counter is not None:
        return counter() or 1
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        return len(affinity(0)) or 1
    total = getattr(os, "cpu_count", None)
    if total is not None:
        return total() or 1
    import multiprocessing
    return multiprocessing.cpu_count()


def free_threaded_build():
    return sysconfig.get_config_var("Py_GIL_DISABLED") == 1


def gil_enabled_now():
    # The build and the runtime can disagree: a free-threaded build runs with
    # the GIL on under PYTHON_GIL=1, or after importing an extension that did
    # not declare itself safe without it (facts sheet, sections 0 and 7).
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    return bool(is_gil_enabled()) if is_gil_enabled is not None else True


def interpreter_facts():
    implementation = getattr(sys, "implementation", None)
    return {
        "executable": os.path.realpath(sys.executable) if sys.executable else "",
        "version": "%d.%d.%d" % tuple(sys.version_info[:3]),
        "releaseLevel": sys.version_info[3],
        "versionText": sys.version.replace("\n", " "),
        "implementation": implementation.name if implementation is not None else "cpython",
        "freeThreadedBuild": free_threaded_build(),
        "gilEnabled": gil_enabled_now(),
        "cpuCount": cpu_count(),
        "harnessSupported": tuple(sys.version_info[:2]) >= MINIMUM_SERVE_VERSION,
        "virtualEnv": getattr(sys, "base_prefix", sys.prefix) != sys.prefix,
    }


def print_json(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def print_json_of(produce):
    """Prints produce()'s JSON; whatever imported code prints meanwhile goes to stderr, not into the answer."""
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    try:
        message = produce()
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
    print_json(message)


# ---------------------------------------------------------------- extension imports

def extension_distributions():
    """Installed distributions that ship extension modules, with their top-level modules."""
    import importlib.machinery
    from importlib import metadata  # 3.8+; free-threaded builds are 3.13+

    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    found = {}
    for distribution in metadata.distributions():
        name = distribution.metadata["Name"]
        if not name or name in found:
            continue
        modules = set()
        for file in distribution.files or ():
            text = str(file).replace("\\", "/")
            if not text.endswith(suffixes) or text.startswith(".."):
                continue
            top = text.split("/", 1)[0]
            for suffix in suffixes:
                if top.endswith(suffix):
                    top = top[: -len(suffix)]
                    break
            # Vendored shared libraries live in "numpy.libs" and the like: not importable.
            if top.isidentifier():
                modules.add(top)
        if modules:
            found[name] = {"name": name, "version": distribution.version, "modules": sorted(modules)}
    return sorted(found.values(), key=lambda entry: entry["name"].lower())


def import_check(module):
    """Imports one module and says whether the GIL was on before and after."""
    import importlib
    import traceback
    import warnings

    before = gil_enabled_now()
    error = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            importlib.import_module(module)
        except BaseException as exception:  # a broken module is a result here, not a crash
            error = "".join(traceback.format_exception_only(type(exception), exception)).strip()
    # Only the first module that turns the GIL on warns (facts sheet, section 7),
    # so the warning is kept as evidence but the answer is the before/after state.
    gil_warnings = [str(w.message) for w in caught if "global interpreter lock" in str(w.message).lower()]
    return {
        "type": "import-check",
        "module": module,
        "gilEnabledBefore": before,
        "gilEnabledAfter": gil_enabled_now(),
        "warnings": gil_warnings,
        "error": error,
    }


# ---------------------------------------------------------------- serve: target errors

class TargetError(Exception):
    """Something about the target that ends the run; `kind` tells aether how to report it."""

    def __init__(self, kind, message, **details):
        Exception.__init__(self, message)
        self.kind = kind
        self.details = details

    def as_message(self):
        message = {"type": "error", "kind": self.kind, "message": str(self)}
        message.update(self.details)
        return message


def user_frames(frames):
    """The frames from the user's code on: the harness's own and thread start-up say nothing."""
    import threading

    machinery = (HARNESS_FILE, os.path.abspath(threading.__file__))
    frames = [frame for frame in frames if os.path.abspath(frame.filename) != HARNESS_FILE]
    while frames and os.path.abspath(frames[0].filename) in machinery:
        frames = frames[1:]
    return frames


def describe_exception(exception):
    import traceback

    frames = user_frames(traceback.extract_tb(exception.__traceback__))
    lines = ["Traceback (most recent call last):\n"] + traceback.format_list(frames)
    lines += traceback.format_exception_only(type(exception), exception)
    kind = type(exception)
    name = kind.__name__ if kind.__module__ == "builtins" else kind.__module__ + "." + kind.__qualname__
    return {"exceptionType": name, "exceptionMessage": str(exception), "traceback": "".join(lines).rstrip("\n")}


def raised(what, exception):
    details = describe_exception(exception)
    message = "%s raised %s" % (what, details["exceptionType"])
    if details["exceptionMessage"]:
        message += ": " + details["exceptionMessage"]
    return TargetError("raised", message, **details)


def stuck_stacks(threads):
    """Where each stuck thread is, on GIL builds only."""
    import traceback

    # Reading another thread's frames through sys._current_frames() is a
    # use-after-free on free-threaded 3.13 (facts sheet, section 1): there the
    # hang is reported without the stacks.
    if free_threaded_build():
        return []
    frames = sys._current_frames()
    stacks = []
    for thread in threads:
        frame = frames.get(thread.ident)
        if frame is not None:
            stacks.append("".join(traceback.format_list(user_frames(traceback.extract_stack(frame)))).rstrip("\n"))
    return stacks


def hang(what, seconds, threads):
    return TargetError(
        "hang",
        "%s did not return within %.3g s" % (what, seconds),
        stacks=stuck_stacks(threads),
        stuckThreads=len(threads),
    )


# ---------------------------------------------------------------- serve: loading the target

def required_parameters(function):
    import inspect

    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):  # some builtins have no signature: let the call decide
        return []
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return [p.name for p in signature.parameters.values() if p.kind in kinds and p.default is p.empty]


def same_file(module, path):
    file = getattr(module, "__file__", None)
    return file is not None and os.path.realpath(file) == path


def import_file(path):
    """Imports a .py file as its package would: with the project root on sys.path."""
    import importlib
    import importlib.util

    path = os.path.realpath(path)
    if not os.path.isfile(path):
        raise TargetError("not-found", "file not found: %s" % path)
    directory, filename = os.path.split(path)
    stem = os.path.splitext(filename)[0]
    parts = [] if stem == "__init__" else [stem]
    root = directory
    # The project root is the first directory up that is not a package, so
    # `pkg/sub/mod.py` imports as `pkg.sub.mod` and its relative imports work.
    while os.path.isfile(os.path.join(root, "__init__.py")) and os.path.dirname(root) != root:
        parts.insert(0, os.path.basename(root))
        root = os.path.dirname(root)
    name = ".".join(parts)
    importable = bool(parts) and all(part.isidentifier() for part in parts)
    what = "importing %s" % filename
    try:
        if importable:
            sys.path.insert(0, root)
            existing = sys.modules.get(name)
            # A file named like a module that is already loaded (json.py,
            # threading.py) would silently resolve to that module instead.
            if existing is None or same_file(existing, path):
                module = importlib.import_module(name)
                if same_file(module, path):
                    return module
        spec = importlib.util.spec_from_file_location("__aether_target__", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module
    except TargetError:
        raise
    except BaseException as exception:
        error = raised(what, exception)
        error.kind = "import-failed"
        raise error


def build_instance(cls, label):
    missing = required_parameters(cls)
    if missing:
        raise TargetError(
            "needs-arguments",
            "%s is a method, and class %s needs arguments to be built: %s" % (label, cls.__name__, ", ".join(missing)),
            parameters=missing,
        )
    try:
        return cls()
    except BaseException as exception:
        raise raised("building %s()" % cls.__name__, exception)


def resolve_callable(module, qualified_name, filename):
    """module + "Class.method" -> a callable; a plain method is bound to a fresh instance."""
    import inspect

    current = module
    parts = qualified_name.split(".")
    for index, part in enumerate(parts):
        owner = ".".join(parts[:index]) or filename
        if isinstance(current, type):
            try:
                raw = inspect.getattr_static(current, part)
            except AttributeError:
                raise TargetError("not-found", "class %s has no attribute '%s'" % (owner, part))
            if inspect.isfunction(raw):  # neither staticmethod nor classmethod: needs self
                current = getattr(build_instance(current, qualified_name), part)
                continue
        try:
            current = getattr(current, part)
        except Exception:
            where = "class %s" % owner if isinstance(current, type) else owner
            raise TargetError("not-found", "no '%s' in %s" % (part, where))
    if not callable(current):
        raise TargetError("not-callable", "%s is not callable (it is a %s)" % (qualified_name, type(current).__name__))
    if inspect.iscoroutinefunction(current) or inspect.isasyncgenfunction(current):
        raise TargetError("not-callable", "%s is async: calling it only creates a coroutine; profile a function that runs it" % qualified_name)
    if inspect.isgeneratorfunction(current):
        raise TargetError("not-callable", "%s is a generator function: calling it runs nothing; profile a function that consumes it" % qualified_name)
    missing = required_parameters(current)
    if missing:
        raise TargetError(
            "needs-arguments",
            "%s needs arguments: %s; profile a function that takes none (wrap the call in one)" % (qualified_name, ", ".join(missing)),
            parameters=missing,
        )
    return current


def load_callable(spec):
    module = import_file(spec["file"])
    return resolve_callable(module, spec["name"], os.path.basename(spec["file"]))


# ---------------------------------------------------------------- serve: running calls

def run_queue_seconds():
    """Seconds this thread has been ready to run but waiting for a CPU (Linux), else 0.

    That wait comes from other processes (or too many threads), not from the
    call itself: aether leaves it out of the blocking ratio.
    """
    try:
        with open("/proc/thread-self/schedstat") as stat:
            return int(stat.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


def call_in_thread(function, what, limit):
    """Runs function() in a daemon thread; a hang becomes a TargetError, not a stuck harness."""
    import threading

    box = {}

    def run():
        try:
            box["value"] = function()
        except BaseException as exception:
            box["error"] = exception

    thread = threading.Thread(target=run, name="aether-call")
    thread.daemon = True
    thread.start()
    thread.join(limit)
    if thread.is_alive():
        raise hang(what, limit, [thread])
    if "error" in box:
        raise raised(what, box["error"])
    return box.get("value")


def warm_up(target, name, seconds, limit):
    """Calls the target once (the first call shows most failures), then for `seconds`."""
    import time

    clock = time.perf_counter

    def run():
        durations = []
        started = clock()
        while True:
            before = clock()
            target()
            after = clock()
            durations.append(after - before)
            if after - started >= seconds:
                return durations

    durations = call_in_thread(run, name + "()", limit)
    return {
        "type": "loaded",
        "calls": len(durations),
        "firstCallSeconds": durations[0],
        "meanCallSeconds": sum(durations) / len(durations),
        "maxCallSeconds": max(durations),
        "gilEnabled": gil_enabled_now(),
    }


def measure(target, name, threads, settle, duration, limit, sample_cap):
    """N threads behind a barrier; each counts its own calls, CPU time and latencies."""
    import threading
    import time

    clock = time.perf_counter
    thread_cpu = time.thread_time
    window = {}
    results = [None] * threads
    errors = []
    stop = [False]

    def open_window():  # run by the last thread to reach the barrier, before any is released
        now = clock()
        window["open"] = now
        window["settleEnd"] = now + settle
        window["end"] = now + settle + duration

    barrier = threading.Barrier(threads, action=open_window)

    def run(index):
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            return
        try:
            settle_end, end = window["settleEnd"], window["end"]
            now = clock()
            while now < settle_end and not stop[0]:
                target()
                now = clock()
            # Each thread's window starts after its own settling call and ends
            # with its last call, so it holds whole calls only; aether divides
            # all calls by the span of all windows.
            started, cpu_started, queued_started = now, thread_cpu(), run_queue_seconds()
            calls, stride, samples = 0, 1, []
            while (now < end or calls == 0) and not stop[0]:
                target()
                finished = clock()
                if calls % stride == 0:
                    samples.append(finished - now)
                    if len(samples) >= sample_cap:  # keep an even spread, bounded in size
                        samples = samples[::2]
                        stride *= 2
                calls += 1
                now = finished
            results[index] = {
                "calls": calls,
                "start": started - window["open"],
                "elapsed": now - started,
                "cpu": thread_cpu() - cpu_started,
                "runQueueWait": run_queue_seconds() - queued_started,
                "samples": samples,
            }
        except BaseException as exception:
            stop[0] = True
            errors.append(exception)

    workers = []
    for index in range(threads):
        worker = threading.Thread(target=run, args=(index,), name="aether-worker-%d" % index)
        worker.daemon = True
        workers.append(worker)
    started = clock()
    for worker in workers:
        worker.start()
    deadline = started + limit
    for worker in workers:
        worker.join(max(0.0, deadline - clock()))
    stuck = [worker for worker in workers if worker.is_alive()]
    if stuck:
        stop[0] = True
        barrier.abort()
        raise hang(name + "()", limit, stuck)
    if errors:
        raise raised(name + "()", errors[0])
    latencies = []
    for result in results:
        latencies.extend(result.pop("samples"))
    return {
        "type": "measurement",
        "threads": threads,
        "wall": clock() - started,
        "perThread": results,
        "latencies": latencies,
    }


class WorkerPool(object):
    """A pool of threads calling the target nonstop; how many may run is changed live."""

    def __init__(self, target, name, size):
        import threading

        self.target = target
        self.name = name
        self.active = 0
        self.stopping = False
        self.condition = threading.Condition()
        self.failed = threading.Event()
        self.errors = []
        self.calls = [0] * size
        self.cpu = [0.0] * size
        self.busy_since = [0.0] * size
        self.threads = []
        for index in range(size):
            thread = threading.Thread(target=self.work, args=(index,), name="aether-pool-%d" % index)
            thread.daemon = True
            self.threads.append(thread)
            thread.start()

    def work(self, index):
        import time

        clock = time.perf_counter
        thread_cpu = time.thread_time
        try:
            while True:
                if index >= self.active or self.stopping:
                    with self.condition:  # parked: this worker is beyond the current size
                        while index >= self.active and not self.stopping:
                            self.condition.wait()
                    if self.stopping:
                        return
                self.busy_since[index] = clock()
                self.target()
                self.busy_since[index] = 0.0
                self.calls[index] += 1
                self.cpu[index] = thread_cpu()  # cumulative; intervals take differences
        except BaseException as exception:
            self.errors.append(exception)
            self.stopping = True
            self.failed.set()

    def interval(self, workers, duration, min_calls, limit):
        """Resizes the pool, lets it settle, then counts calls for `duration` and at least `min_calls`.

        Settled means every active worker has finished a call since the
        resize: until then the old size's calls are still running, or the new
        workers have not finished their first. Slow calls make intervals
        longer instead of making them noise.
        """
        import time

        clock = time.perf_counter
        with self.condition:
            self.active = workers
            self.condition.notify_all()
        resized = clock()
        at_resize = list(self.calls)
        while not all(self.calls[i] > at_resize[i] for i in range(workers)):
            self.check(workers, limit)
            self.failed.wait(0.005)
        calls_before, cpu_before, started = list(self.calls), list(self.cpu), clock()
        settled = started - resized
        while True:
            self.check(workers, limit)
            elapsed = clock() - started
            counted = sum(self.calls[i] - calls_before[i] for i in range(workers))
            if elapsed >= duration and (counted >= min_calls or elapsed >= duration + limit):
                break
            self.failed.wait(min(0.01, max(0.0, duration - elapsed)) or 0.005)
        calls_after, cpu_after, finished = list(self.calls), list(self.cpu), clock()
        return {
            "type": "pool-interval",
            "workers": workers,
            "settle": settled,
            "wall": finished - started,
            "perWorker": [
                {"calls": calls_after[i] - calls_before[i], "cpu": cpu_after[i] - cpu_before[i]}
                for i in range(workers)
            ],
        }

    def check(self, workers, limit):
        """Raises the target's error, or a hang when an active worker's call has run past `limit`."""
        import time

        if self.errors:
            raise raised(self.name + "()", self.errors[0])
        now = time.perf_counter()
        stuck = [
            self.threads[index]
            for index in range(workers)
            if self.busy_since[index] and now - self.busy_since[index] > limit
        ]
        if stuck:
            raise hang(self.name + "()", limit, stuck)

    def stop(self):
        with self.condition:
            self.stopping = True
            self.condition.notify_all()
        for thread in self.threads:
            thread.join(1.0)


# ---------------------------------------------------------------- serve: the protocol

class Channel(object):
    """The JSON-lines channel to aether, on private copies of file descriptors 0 and 1.

    The target's own print() and input() must not mix with the protocol: fd 1
    becomes a copy of stderr and fd 0 reads /dev/null, for Python and C code alike.
    """

    def __init__(self):
        import threading

        self.output = os.fdopen(os.dup(1), "w")
        self.input = os.fdopen(os.dup(0), "r")
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.dup2(2, 1)
        self.lock = threading.Lock()

    def send(self, message):
        with self.lock:
            self.output.write(json.dumps(message) + "\n")
            self.output.flush()


def end_own_process_group():
    """aether is gone (its end of stdin closed): nothing this harness started may outlive it."""
    import signal

    try:
        if hasattr(os, "killpg") and os.getpgrp() == os.getpid():  # only when aether made this process a group leader
            os.killpg(os.getpid(), signal.SIGKILL)
    except OSError:
        pass
    os._exit(1)


def read_commands(channel, commands):
    for line in channel.input:
        line = line.strip()
        if not line:
            continue
        try:
            commands.put(json.loads(line))
        except ValueError:
            commands.put({"cmd": "invalid", "text": line[:200]})
    end_own_process_group()


class Session(object):
    """The state between commands: the loaded target and, during `aether pool`, the pool."""

    def __init__(self):
        self.target = None
        self.name = ""
        self.pool = None

    def handle(self, command):
        kind = command.get("cmd")
        if kind == "load":
            return self.load(command)
        if self.target is None:
            raise TargetError("protocol", "no target loaded before %r" % kind)
        if kind == "measure":
            return measure(
                self.target,
                self.name,
                int(command["threads"]),
                float(command["settle"]),
                float(command["duration"]),
                float(command["limit"]),
                int(command.get("samplesPerThread", 1000)),
            )
        if kind == "pool-start":
            self.pool = WorkerPool(self.target, self.name, int(command["maxWorkers"]))
            return {"type": "pool-started", "maxWorkers": len(self.pool.threads)}
        if kind == "pool-interval" and self.pool is not None:
            return self.pool.interval(
                int(command["workers"]),
                float(command["duration"]),
                int(command.get("minCalls", 1)),
                float(command["limit"]),
            )
        if kind == "pool-stop" and self.pool is not None:
            self.pool.stop()
            self.pool = None
            return {"type": "pool-stopped"}
        raise TargetError("protocol", "unknown command %r" % kind)

    def load(self, command):
        target = command["target"]
        self.name = target["name"]
        if command.get("setup"):
            setup = load_callable(command["setup"])
            call_in_thread(setup, "setup %s()" % command["setup"]["name"], float(command["limit"]))
        self.target = load_callable(target)
        return warm_up(self.target, self.name, float(command["warmup"]), float(command["limit"]))


def serve():
    import queue
    import threading

    channel = Channel()
    commands = queue.Queue()
    reader = threading.Thread(target=read_commands, args=(channel, commands), name="aether-commands")
    reader.daemon = True
    reader.start()
    channel.send({"type": "hello", "protocol": PROTOCOL_VERSION, "pid": os.getpid(), "interpreter": interpreter_facts()})
    session = Session()
    while True:
        command = commands.get()
        try:
            reply = session.handle(command)
        except TargetError as error:
            reply = error.as_message()
        except Exception as exception:  # a harness bug: report it rather than die silently
            reply = raised("the harness", exception).as_message()
            reply["kind"] = "internal"
        channel.send(reply)
        if reply.get("kind") == "hang":
            # Stuck threads may hold anything; this interpreter is done. aether
            # ends the process group (with anything the target started).
            os._exit(3)


# ---------------------------------------------------------------- main

def main(argv):
    mode = argv[1] if len(argv) > 1 else ""
    if mode == "describe":
        print_json({"type": "describe", "interpreter": interpreter_facts()})
        return 0
    if mode == "distributions":
        print_json({"type": "distributions", "distributions": extension_distributions()})
        return 0
    if mode == "import-check" and len(argv) == 3:
        print_json_of(lambda: import_check(argv[2]))
        return 0
    if mode == "serve":
        if tuple(sys.version_info[:2]) < MINIMUM_SERVE_VERSION:
            message = "it is Python %d.%d.%d; the harness needs 3.9 or newer" % tuple(sys.version_info[:3])
            print_json({"type": "error", "kind": "interpreter", "message": message})
            return 2
        return serve()
    sys.stderr.write("usage: aether_harness.py describe | distributions | import-check MODULE | serve\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
