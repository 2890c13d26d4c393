// aether/async-threading-mix on its fixtures: exact findings on the unsafe cases, silence on the safe
// look-alikes, and the exact text of each fix and suggestion (which must parse and re-lint clean).
import assert from "node:assert/strict";
import plugin from "../../src/index.js";
import { lint } from "../support/lint.js";
import { allFindings, assertCleanAfterFix, findings, fixed, fixture, suggested } from "../support/ruleFixtures.js";

const RULE = "async-threading-mix";

describe("aether/async-threading-mix", () => {
  it("reports each unsafe case", () => {
    assert.deepEqual(findings(RULE, fixture(RULE, "unsafe.py")), [
      [18,20,"`requests.get(…)` waits for an HTTP response inside the coroutine `poll`: it blocks the event loop's thread, so every other task on the loop stalls until it returns (and never returns if it waits for one of them). Use an async HTTP client, or `await asyncio.to_thread(…)`."],
      [21,9,"`time.sleep(…)` sleeps inside the coroutine `poll`: it blocks the event loop's thread, so every other task on the loop stalls until it returns (and never returns if it waits for one of them). Use `await asyncio.sleep(…)`."],
      [25,5,"`_jobs.put(…)` waits for room in the bounded queue inside the coroutine `enqueue`: it blocks the event loop's thread, so every other task on the loop stalls until it returns (and never returns if it waits for one of them). Use `put_nowait`, or `await asyncio.to_thread(…)`."],
      [29,5,"`_done.wait()` waits for the event inside the coroutine `wait_until_done`: it blocks the event loop's thread, so every other task on the loop stalls until it returns (and never returns if it waits for one of them). Use an `asyncio.Event` (set with `loop.call_soon_threadsafe(event.set)`), or `await asyncio.to_thread(…)`."],
      [33,10,"`with _state_lock:` inside the coroutine `bump` blocks the event loop's thread while another thread holds the lock, and the block awaits while holding it: another task that reaches this lock then blocks the loop, and the holder can never resume to release it (deadlock). Use an `asyncio.Lock` if only tasks share it, or take the lock in a worker thread (`await asyncio.to_thread(…)`)."],
      [40,12,"`future.result()` waits for the future's result inside the coroutine `crunch`: it blocks the event loop's thread, so every other task on the loop stalls until it returns (and never returns if it waits for one of them). Use `await asyncio.wrap_future(future)`."],
      [44,5,"`time.sleep(…)` sleeps in `_throttle`, which the coroutine `fetch_all` calls at line 50: it blocks the event loop's thread, so every other task on the loop stalls until it returns (and never returns if it waits for one of them). Call `_throttle` through `await asyncio.to_thread(…)`, or use `await asyncio.sleep(…)`."],
      [56,5,"`loop.call_soon(…)` is called from a thread, but an event loop is not thread-safe: only the loop's own thread may call `call_soon` (the loop may not wake up for it, or its queues get corrupted). `notify` runs in threads: `threading.Thread(target=notify, …)` at line 79. Use `loop.call_soon_threadsafe(…)`."],
      [60,5,"`loop.create_task(…)` is called from a thread, but an event loop is not thread-safe: only the loop's own thread may call `create_task` (the loop may not wake up for it, or its queues get corrupted). `schedule` runs in threads: `threading.Thread(target=schedule, …)` at line 80. Use `asyncio.run_coroutine_threadsafe(coro, loop)`."],
      [64,5,"`fut.set_result(…)` touches an asyncio future from a thread: asyncio objects are not thread-safe, so a waiting task can miss the wake-up and the object's state can be corrupted. `finish` runs in threads: `threading.Thread(target=finish, …)` at line 81. Hand the call to its loop: `loop.call_soon_threadsafe(fut.set_result, …)`."],
      [68,5,"`items.put_nowait(…)` touches an asyncio queue from a thread: asyncio objects are not thread-safe, so a waiting task can miss the wake-up and the object's state can be corrupted. `push` runs in threads: `threading.Thread(target=push, …)` at line 82. Hand the call to its loop: `loop.call_soon_threadsafe(items.put_nowait, …)`."],
      [72,5,"`asyncio.create_task(…)` needs an event loop running in the calling thread, and this code runs in a thread without one: it raises `RuntimeError`. `start_background` runs in threads: `threading.Thread(target=start_background, …)` at line 83. Use `asyncio.run_coroutine_threadsafe(coro, loop)` with the loop of the thread that runs it."],
    ]);
  });

  it("reports nothing on the safe look-alikes (no rule does)", () => {
    assert.deepEqual(allFindings(fixture(RULE, "safe.py")), []);
  });

  it("has its catalogue risk and category, a fix and suggestions", () => {
    const { meta } = plugin.rules[RULE]!;
    assert.equal(meta.docs.risk, 0.65);
    assert.equal(meta.docs.category, "deadlock");
    assert.equal(meta.fixable, "code");
    assert.equal(meta.hasSuggestions, true);
  });

  it("carries the evidence tier in the message id of thread-side findings", () => {
    const code =
      "import threading\n" +
      "\n" +
      "\n" +
      "class Notifier:\n" +
      "    def __init__(self, loop):\n" +
      "        self._lock = threading.Lock()\n" +
      "        self._loop = loop\n" +
      "\n" +
      "    def notify(self, callback):\n" +
      "        with self._lock:\n" +
      "            self._loop.call_soon(callback)\n";
    const [message] = lintMessages(code);
    assert.equal(message?.messageId, "loopFromThread@intended");
    assert.equal(message?.line, 11);
  });

  describe("fixes (applied by --fix)", () => {
    it("`time.sleep(x)` in a coroutine → `await asyncio.sleep(x)`, adding `import asyncio`", () => {
      const result = fixed(RULE, "import time\n\n\nasync def tick():\n    time.sleep(1)\n");
      assert.equal(result, "import time\nimport asyncio\n\n\nasync def tick():\n    await asyncio.sleep(1)\n");
      assertCleanAfterFix(RULE, result);
    });

    it("reuses the file's alias of asyncio, and fixes every sleep", () => {
      const code = "\"\"\"Ticks.\"\"\"\nimport asyncio as aio\nfrom time import sleep\n\n\nasync def tick():\n    sleep(0.5)\n    await aio.sleep(0)\n    sleep(0.5)\n";
      const result = fixed(RULE, code);
      assert.equal(result, "\"\"\"Ticks.\"\"\"\nimport asyncio as aio\nfrom time import sleep\n\n\nasync def tick():\n    await aio.sleep(0.5)\n    await aio.sleep(0)\n    await aio.sleep(0.5)\n");
      assertCleanAfterFix(RULE, result);
    });

    it("adds `import asyncio` at the top of a module without imports", () => {
      const result = fixed(RULE, "async def tick(clock):\n    clock.sleep(1)\n    __import__(\"time\").sleep(1)\n\n\nasync def nap():\n    from time import sleep\n    sleep(1)\n");
      assert.equal(result, "import asyncio\n\nasync def tick(clock):\n    clock.sleep(1)\n    __import__(\"time\").sleep(1)\n\n\nasync def nap():\n    from time import sleep\n    await asyncio.sleep(1)\n");
      assertCleanAfterFix(RULE, result);
    });

    it("offers no edit where `asyncio` names something else", () => {
      const code = "import time\n\n\nasync def tick(asyncio):\n    time.sleep(1)\n";
      assert.equal(findings(RULE, code).length, 1);
      assert.equal(fixed(RULE, code), code);
      assert.throws(() => suggested(RULE, code, 5), /no suggestion/);
    });

    it("`loop.call_soon` in thread code → `loop.call_soon_threadsafe`", () => {
      const code = "import threading\n\n\ndef notify(loop, callback):\n    loop.call_soon(callback, 1)\n\n\ndef start(loop):\n    threading.Thread(target=notify, args=(loop, print)).start()\n";
      const result = fixed(RULE, code);
      assert.equal(result, "import threading\n\n\ndef notify(loop, callback):\n    loop.call_soon_threadsafe(callback, 1)\n\n\ndef start(loop):\n    threading.Thread(target=notify, args=(loop, print)).start()\n");
      assertCleanAfterFix(RULE, result);
    });

    it("a `loop.create_task(coro)` statement in thread code → `asyncio.run_coroutine_threadsafe(coro, loop)`", () => {
      const code = "import threading\n\n\nasync def job(n):\n    return n\n\n\ndef schedule(loop, n):\n    loop.create_task(job(n))\n\n\ndef start(loop):\n    threading.Thread(target=schedule, args=(loop, 1)).start()\n";
      const result = fixed(RULE, code);
      assert.equal(result, "import threading\nimport asyncio\n\n\nasync def job(n):\n    return n\n\n\ndef schedule(loop, n):\n    asyncio.run_coroutine_threadsafe(job(n), loop)\n\n\ndef start(loop):\n    threading.Thread(target=schedule, args=(loop, 1)).start()\n");
      assertCleanAfterFix(RULE, result);
    });

    it("fixing the unsafe fixture leaves only the findings without a fix, and parses", () => {
      const result = fixed(RULE, fixture(RULE, "unsafe.py"));
      assert.equal(findings(RULE, result).length, findings(RULE, fixture(RULE, "unsafe.py")).length - 3);
      assert.doesNotMatch(result, /time\.sleep\(1\)|loop\.call_soon\(|loop\.create_task\(/);
    });
  });

  describe("suggestions", () => {
    it("`time.sleep` under a thread lock is only a suggestion (the `with` stays reported)", () => {
      const code = "import threading\nimport time\n\n_lock = threading.Lock()\n\n\nasync def tick():\n    with _lock:\n        time.sleep(1)\n";
      assert.equal(fixed(RULE, code), code);
      const result = suggested(RULE, code, 9);
      assert.equal(result, "import threading\nimport time\nimport asyncio\n\n_lock = threading.Lock()\n\n\nasync def tick():\n    with _lock:\n        await asyncio.sleep(1)\n");
      assert.deepEqual(findings(RULE, result).map(([line, column]) => [line, column]), [[9, 10]]);
    });

    it("`task = loop.create_task(coro)` in thread code: `run_coroutine_threadsafe` only as a suggestion (the result's type changes)", () => {
      const code = "import threading\n\n\nasync def job(n):\n    return n\n\n\ndef schedule(loop, n):\n    task = loop.create_task(job(n))\n    return task\n\n\ndef start(loop):\n    threading.Thread(target=schedule, args=(loop, 1)).start()\n";
      assert.equal(fixed(RULE, code), code);
      const result = suggested(RULE, code, 9);
      assert.equal(result, "import threading\nimport asyncio\n\n\nasync def job(n):\n    return n\n\n\ndef schedule(loop, n):\n    task = asyncio.run_coroutine_threadsafe(job(n), loop)\n    return task\n\n\ndef start(loop):\n    threading.Thread(target=schedule, args=(loop, 1)).start()\n");
      assertCleanAfterFix(RULE, result);
    });

    it("another blocking call → `await asyncio.to_thread(f, …)`, in parentheses when its result is used", () => {
      const result = suggested(RULE, "import requests\n\n\nasync def status(url):\n    return requests.get(url, timeout=5).json()\n", 5);
      assert.equal(result, "import requests\nimport asyncio\n\n\nasync def status(url):\n    return (await asyncio.to_thread(requests.get, url, timeout=5)).json()\n");
      assertCleanAfterFix(RULE, result);
    });

    it("a method that blocks → `await asyncio.to_thread(obj.method, …)`", () => {
      const code = "import queue\n\n_jobs = queue.Queue(maxsize=10)\n\n\nasync def enqueue(job):\n    _jobs.put(job, timeout=5)\n";
      const result = suggested(RULE, code, 7);
      assert.equal(result, "import queue\nimport asyncio\n\n_jobs = queue.Queue(maxsize=10)\n\n\nasync def enqueue(job):\n    await asyncio.to_thread(_jobs.put, job, timeout=5)\n");
      assertCleanAfterFix(RULE, result);
    });

    it("`fut.set_result(x)` from a thread → `fut.get_loop().call_soon_threadsafe(fut.set_result, x)`", () => {
      const code = "import asyncio\nimport threading\n\n\ndef finish(fut, value):\n    fut.set_result(value)\n\n\nasync def main():\n    fut = asyncio.get_running_loop().create_future()\n    threading.Thread(target=finish, args=(fut, 1)).start()\n    return await fut\n";
      const result = suggested(RULE, code, 6);
      assert.equal(result, "import asyncio\nimport threading\n\n\ndef finish(fut, value):\n    fut.get_loop().call_soon_threadsafe(fut.set_result, value)\n\n\nasync def main():\n    fut = asyncio.get_running_loop().create_future()\n    threading.Thread(target=finish, args=(fut, 1)).start()\n    return await fut\n");
      assertCleanAfterFix(RULE, result);
    });

    it("`queue.put_nowait(x)` from a thread → `loop.call_soon_threadsafe(queue.put_nowait, x)` with the loop the thread was given", () => {
      const code = "import asyncio\nimport threading\n\n\ndef push(items, loop, item):\n    items.put_nowait(item)\n\n\nasync def main():\n    loop = asyncio.get_running_loop()\n    items = asyncio.Queue()\n    threading.Thread(target=push, args=(items, loop, 1)).start()\n    return await items.get()\n";
      const result = suggested(RULE, code, 6);
      assert.equal(result, "import asyncio\nimport threading\n\n\ndef push(items, loop, item):\n    loop.call_soon_threadsafe(items.put_nowait, item)\n\n\nasync def main():\n    loop = asyncio.get_running_loop()\n    items = asyncio.Queue()\n    threading.Thread(target=push, args=(items, loop, 1)).start()\n    return await items.get()\n");
      assertCleanAfterFix(RULE, result);
    });

    it("`asyncio.create_task(coro)` in a thread → `asyncio.run_coroutine_threadsafe(coro, loop)` with a loop in reach", () => {
      const code = "import asyncio\nimport threading\n\n\nasync def job():\n    return 1\n\n\ndef kick(loop: asyncio.AbstractEventLoop):\n    asyncio.create_task(job())\n\n\ndef start(loop):\n    threading.Thread(target=kick, args=(loop,)).start()\n";
      const result = suggested(RULE, code, 10);
      assert.equal(result, "import asyncio\nimport threading\n\n\nasync def job():\n    return 1\n\n\ndef kick(loop: asyncio.AbstractEventLoop):\n    asyncio.run_coroutine_threadsafe(job(), loop)\n\n\ndef start(loop):\n    threading.Thread(target=kick, args=(loop,)).start()\n");
      assertCleanAfterFix(RULE, result);
    });

    it("`loop.stop()` from a thread → `loop.call_soon_threadsafe(loop.stop)`", () => {
      const code = "import threading\n\n\ndef halt(loop):\n    loop.stop()\n\n\ndef start(loop):\n    threading.Thread(target=halt, args=(loop,)).start()\n";
      const result = suggested(RULE, code, 5);
      assert.equal(result, "import threading\n\n\ndef halt(loop):\n    loop.call_soon_threadsafe(loop.stop)\n\n\ndef start(loop):\n    threading.Thread(target=halt, args=(loop,)).start()\n");
      assertCleanAfterFix(RULE, result);
    });
  });
});

/** This rule's ESLint messages on `code` (with their message ids). */
function lintMessages(code: string) {
  return lint(code).filter((m) => m.ruleId === `aether/${RULE}`);
}
