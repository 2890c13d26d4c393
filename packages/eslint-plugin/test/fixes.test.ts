// Fixes and suggestions of the race rules: the exact text after applying
// them, that it parses, and that the rule is then silent.
import assert from "node:assert/strict";
import { assertCleanAfterFix, findings, fixed, suggested } from "./support/ruleFixtures.js";

describe("race rule fixes", () => {
  it("fixes `if k not in d: d[k] = v` to `d.setdefault(k, v)` when the value is pure", () => {
    const code = "import threading\n\ncache = {}\n\n\ndef remember(key):\n    if key not in cache:\n        cache[key] = []\n    return cache[key]\n\n\nfor k in range(3):\n    threading.Thread(target=remember, args=(k,)).start()\n";
    const result = fixed("non-atomic-update", code);
    assert.equal(result, "import threading\n\ncache = {}\n\n\ndef remember(key):\n    cache.setdefault(key, [])\n    return cache[key]\n\n\nfor k in range(3):\n    threading.Thread(target=remember, args=(k,)).start()\n");
    assertCleanAfterFix("non-atomic-update", result);
  });

  it("suggests a new module lock after the imports when the module has none", () => {
    const code = "import threading\n\ncounter = 0\n\n\ndef worker():\n    global counter\n    counter += 1\n\n\nfor _ in range(2):\n    threading.Thread(target=worker).start()\n";
    const result = suggested("non-atomic-update", code, 8);
    assert.equal(result, "import threading\n\n_lock = threading.Lock()\n\n\ncounter = 0\n\n\ndef worker():\n    global counter\n    with _lock:\n        counter += 1\n\n\nfor _ in range(2):\n    threading.Thread(target=worker).start()\n");
    assertCleanAfterFix("non-atomic-update", result);
  });

  it("adds `import threading` when the module lacks it", () => {
    const code = "\"\"\"Counts.\"\"\"\nfrom concurrent.futures import ThreadPoolExecutor\n\ncounter = 0\n\n\ndef worker(n):\n    global counter\n    counter += n\n\n\nwith ThreadPoolExecutor() as pool:\n    pool.map(worker, range(3))\n";
    const result = suggested("non-atomic-update", code, 9);
    assert.equal(result, "\"\"\"Counts.\"\"\"\nfrom concurrent.futures import ThreadPoolExecutor\nimport threading\n\n_lock = threading.Lock()\n\n\ncounter = 0\n\n\ndef worker(n):\n    global counter\n    with _lock:\n        counter += n\n\n\nwith ThreadPoolExecutor() as pool:\n    pool.map(worker, range(3))\n");
    assertCleanAfterFix("non-atomic-update", result);
  });

  it("reuses the class's one lock, keeping the file's indentation", () => {
    const code = "import threading\n\n\nclass Stats:\n    def __init__(self):\n        self._lock = threading.Lock()\n        self.hits = 0\n        self.misses = 0\n\n    def hit(self):\n        self.hits += 1\n\n    def miss(self):\n        with self._lock:\n            self.misses += 1\n";
    const result = suggested("non-atomic-update", code, 11);
    assert.equal(result, "import threading\n\n\nclass Stats:\n    def __init__(self):\n        self._lock = threading.Lock()\n        self.hits = 0\n        self.misses = 0\n\n    def hit(self):\n        with self._lock:\n            self.hits += 1\n\n    def miss(self):\n        with self._lock:\n            self.misses += 1\n");
    assertCleanAfterFix("non-atomic-update", result);
  });

  it("re-indents with tabs in a tab-indented file", () => {
    const code = "import threading\n\nseen = {}\n\n\ndef worker(k):\n\tif k in seen:\n\t\tdel seen[k]\n\n\nfor k in range(2):\n\tthreading.Thread(target=worker, args=(k,)).start()\n";
    const result = suggested("non-atomic-update", code, 7);
    assert.equal(result, "import threading\n\n_lock = threading.Lock()\n\n\nseen = {}\n\n\ndef worker(k):\n\twith _lock:\n\t\tif k in seen:\n\t\t\tdel seen[k]\n\n\nfor k in range(2):\n\tthreading.Thread(target=worker, args=(k,)).start()\n");
    assertCleanAfterFix("non-atomic-update", result);
  });

  it("rewrites a lazy singleton to double-checked locking", () => {
    const code = "import threading\n\n_client = None\n\n\ndef get_client():\n    global _client\n    if _client is None:\n        _client = object()\n    return _client\n\n\nfor _ in range(2):\n    threading.Thread(target=get_client).start()\n";
    const result = suggested("unsafe-lazy-init", code, 8);
    assert.equal(result, "import threading\n\n_lock = threading.Lock()\n\n\n_client = None\n\n\ndef get_client():\n    global _client\n    if _client is None:\n        with _lock:\n            if _client is None:\n                _client = object()\n    return _client\n\n\nfor _ in range(2):\n    threading.Thread(target=get_client).start()\n");
    assertCleanAfterFix("unsafe-lazy-init", result);
  });

  it("offers no suggestion when re-indenting would change a multi-line string", () => {
    const code = "import threading\n\nlog = []\n\n\ndef worker():\n    global log\n    log = log + [\"\"\"a\nb\"\"\"]\n\n\nfor _ in range(2):\n    threading.Thread(target=worker).start()\n";
    assert.equal(findings("non-atomic-update", code).length, 1);
    assert.throws(() => suggested("non-atomic-update", code, 8), /no suggestion/);
  });
});
