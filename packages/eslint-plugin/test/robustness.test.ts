// Robustness: bad input never crashes or hangs the lint. Every case is linted
// through ESLint's Linter with `configs.recommended` and must give rule
// findings or exactly one fatal "Parsing error: …" at a real position.
//
// Inputs: a fixed sample of python3's standard library, each file truncated at
// 5 pseudo-random byte offsets and with 5 random bytes flipped (decoded as
// UTF-8 with replacement, as a careless reader would); plus an empty file, a
// ~5 MB generated file, a UTF-16 file read as UTF-8, a file of only a BOM and
// binary junk with NUL bytes. Everything is generated in memory from fixed
// seeds: the same cases on every run.
import assert from "node:assert/strict";
import type { Linter as LinterType } from "eslint";
import plugin, { parsePython } from "../src/index.js";
import { Linter } from "./support/eslint.js";
import { pythonReference } from "./support/pythonReference.js";

const { findPython3, readUtf8, stdlibDir, stdlibFiles, stdlibName } = pythonReference;

const SAMPLE_SIZE = 15;
const TRUNCATIONS = 5;
const FLIPS = 5;

const linter = new Linter({ configType: "flat" });
const config = [plugin.configs.recommended as unknown as LinterType.Config];

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string: each file's own seed, whatever else is sampled. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Bytes → text the way a reader that does not care would: invalid UTF-8 becomes U+FFFD, a BOM stays. */
const lenientUtf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
const decode = (bytes: Uint8Array) => lenientUtf8.decode(bytes);

/** Lines as Aether counts them (\n, \r\n, \r), without a leading BOM. */
function pythonLines(text: string): string[] {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
}

/**
 * Lints `text`; asserts no throw and well-formed messages: either rule
 * findings, or exactly one fatal "Parsing error: …" with 1-based line and
 * column inside the text.
 */
function lintCase(label: string, text: string): LinterType.LintMessage[] {
  let messages: LinterType.LintMessage[];
  try {
    messages = linter.verify(text, config, "case.py");
  } catch (error) {
    assert.fail(`${label}: the lint threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  const fatal = messages.filter((m) => m.fatal);
  const lines = pythonLines(text);
  if (fatal.length > 0) {
    assert.equal(messages.length, 1, `${label}: a parse error comes alone: ${JSON.stringify(messages)}`);
    const [m] = messages;
    assert.match(m.message, /^Parsing error: \S/, `${label}: ${m.message}`);
    assert.equal(m.ruleId, null, label);
    assert.equal(m.severity, 2, label);
    assert.ok(Number.isInteger(m.line) && m.line >= 1, `${label}: line ${m.line} (${m.message})`);
    assert.ok(Number.isInteger(m.column) && m.column >= 1, `${label}: column ${m.column} (${m.message})`);
    assert.ok(m.line <= lines.length, `${label}: line ${m.line} after the last line ${lines.length} (${m.message})`);
    const lineLength = lines[m.line - 1].length;
    assert.ok(m.column <= lineLength + 1, `${label}: column ${m.column} beyond the end of line ${m.line} (${lineLength} chars) (${m.message})`);
  } else {
    for (const m of messages) {
      assert.match(m.ruleId ?? "", /^aether\//, `${label}: not a rule finding: ${JSON.stringify(m)}`);
      assert.ok(m.line >= 1 && m.column >= 1, `${label}: ${m.ruleId} at ${m.line}:${m.column}`);
    }
  }
  return messages;
}

/** ~`bytes` of plausible Python: classes, methods, threads, comprehensions, f-strings. */
function generatedPython(bytes: number): string {
  const parts: string[] = ["import threading\nfrom concurrent.futures import ThreadPoolExecutor\n\n"];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const chunk =
      `class Worker${i}:\n` +
      `    """Counts things, number ${i}."""\n\n` +
      `    def __init__(self, limit: int = ${i}) -> None:\n` +
      `        self.lock = threading.Lock()\n` +
      `        self.count = 0\n` +
      `        self.limit = limit\n\n` +
      `    def step(self, values: list[int]) -> int:\n` +
      `        with self.lock:\n` +
      `            self.count += sum(v * 2 for v in values if v % 3)\n` +
      `        return self.count\n\n` +
      `    async def report(self, *args, **kwargs):\n` +
      `        match args:\n` +
      `            case [first, *rest] if first > ${i}:\n` +
      `                return f"{first!r:>10} and {len(rest)} more"\n` +
      `            case _:\n` +
      `                return {k: v for k, v in kwargs.items()}\n\n\n` +
      `def run_${i}(n=${i}):\n` +
      `    w = Worker${i}()\n` +
      `    with ThreadPoolExecutor(max_workers=4) as pool:\n` +
      `        results = list(pool.map(lambda k: w.step([k, k + 1]), range(n)))\n` +
      `    return results if (total := sum(results)) > 0 else [total]\n\n\n`;
    parts.push(chunk);
    size += chunk.length;
  }
  return parts.join("");
}

describe("robustness: bad input never crashes the lint", function () {
  describe("generated inputs", function () {
    it("an empty file: no messages", function () {
      assert.deepEqual(lintCase("empty", ""), []);
    });

    it("a file of only a BOM: no messages", function () {
      assert.deepEqual(lintCase("BOM only", decode(new Uint8Array([0xef, 0xbb, 0xbf]))), []);
    });

    it("a ~5 MB file parses and lints", function () {
      const text = generatedPython(5 * 1024 * 1024);
      assert.ok(text.length >= 5 * 1024 * 1024);
      const messages = lintCase("5 MB", text);
      assert.deepEqual(
        messages.filter((m) => m.fatal),
        [],
      );
    });

    it("a UTF-16 file (with BOM) read as UTF-8: one parsing error", function () {
      const source = 'import threading\n\n# naïve — ünïcode\nlock = threading.Lock()\nprint("héllo")\n';
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(source, "utf16le")]);
      const messages = lintCase("UTF-16", decode(bytes));
      assert.equal(messages.length, 1);
      assert.ok(messages[0].fatal);
    });

    it("binary junk with NUL bytes: one parsing error", function () {
      const random = prng(0xdeadbeef);
      const bytes = new Uint8Array(64 * 1024);
      for (let i = 0; i < bytes.length; i++) bytes[i] = i % 97 === 0 ? 0 : Math.floor(random() * 256);
      const messages = lintCase("binary", decode(bytes));
      assert.equal(messages.length, 1);
      assert.ok(messages[0].fatal);
    });

    it("binary junk without NUL bytes: no crash", function () {
      const random = prng(0x5eed);
      const bytes = new Uint8Array(64 * 1024);
      for (let i = 0; i < bytes.length; i++) bytes[i] = 1 + Math.floor(random() * 255);
      lintCase("binary without NUL", decode(bytes));
    });
  });

  // Deep nesting that CPython 3.13's ast.parse accepts (or rejects with a
  // SyntaxError) must not overflow the JS stack in the recursive walkers: past
  // Aether's nesting limit a file gets one parsing error naming the limit.
  describe("deeply nested input", function () {
    const deep: [string, () => string][] = [
      ["a chain of 2,000 calls f()()…() (CPython accepts)", () => "x = f" + "()".repeat(2000) + "\n"],
      ["a sum of 5,000 terms a + a + … (CPython accepts)", () => "x = " + Array(5000).fill("a").join(" + ") + "\n"],
      ["3,000 chained subscripts a[0][0]… (CPython accepts)", () => "x = a" + "[0]".repeat(3000) + "\n"],
      ["an if with 10,000 elif branches (CPython: too complex)", () => "if a:\n    pass\n" + "elif a:\n    pass\n".repeat(10_000)],
      ["3,000 nested lists (CPython: too many nested parentheses)", () => "x = " + "[".repeat(3000) + "]".repeat(3000) + "\n"],
    ];
    for (const [title, make] of deep) {
      it(`${title}: no crash`, function () {
        lintCase(title, make());
      });
    }
  });

  // Python names that are also keys of JavaScript's Object.prototype must not
  // reach prototype members in the plugin's lookup tables (copyreg.py of the
  // standard library defines and calls `constructor`).
  describe("Python names that are Object.prototype keys", function () {
    const program = (name: string) =>
      `import threading\n\n\ndef ${name}(fn):\n    return fn\n\n\n${name}(print)\nthreading.Thread(target=${name}).start()\n` +
      `obj = object()\nobj.${name}(print)\nobj.${name} = 1\n`;
    const names = ["constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "__proto__", "__defineGetter__", "toLocaleString"];
    for (const name of names) {
      it(`a function and a method named ${name}: no crash`, function () {
        lintCase(name, program(name));
      });
    }
  });

  describe("python3's standard library, truncated and with flipped bytes", function () {
    const python3 = findPython3();
    if (!python3) {
      it("is skipped: no python3 on PATH, so no standard library to damage", function () {
        this.skip();
      });
      return;
    }
    const dir = stdlibDir(python3.command);
    const all = stdlibFiles(dir);
    const step = Math.max(1, Math.floor(all.length / SAMPLE_SIZE));
    const sample: { name: string; bytes: Buffer }[] = [];
    for (let i = 0; i < all.length && sample.length < SAMPLE_SIZE; i += step) {
      // The next valid UTF-8 file from here: damage, not an encoding or the
      // standard library's own syntax-error test data, is what is tested.
      for (let j = i; j < Math.min(i + step, all.length); j++) {
        const text = readUtf8(all[j]);
        if (text !== null && text.length > 0 && parsePython(text).ok) {
          sample.push({ name: stdlibName(dir, all[j]), bytes: Buffer.from(text, "utf8") });
          break;
        }
      }
    }

    it(`samples ${SAMPLE_SIZE} files of ${dir}`, function () {
      assert.equal(sample.length, SAMPLE_SIZE);
    });

    for (const { name, bytes } of sample) {
      it(`${name}: truncated at ${TRUNCATIONS} points, and with ${FLIPS} bytes flipped`, function () {
        const random = prng(seedOf(name));
        const intact = lintCase(`${name} intact`, decode(bytes));
        assert.equal(intact.filter((m) => m.fatal).length, 0, `${name} intact: ${JSON.stringify(intact[0])}`);
        for (let t = 0; t < TRUNCATIONS; t++) {
          const at = Math.floor(random() * bytes.length);
          lintCase(`${name} truncated at byte ${at}`, decode(bytes.subarray(0, at)));
        }
        const flipped = Buffer.from(bytes);
        const where: string[] = [];
        for (let f = 0; f < FLIPS; f++) {
          const at = Math.floor(random() * flipped.length);
          const mask = 1 + Math.floor(random() * 255);
          flipped[at] ^= mask;
          where.push(`${at}^${mask}`);
        }
        lintCase(`${name} with bytes flipped (${where.join(", ")})`, decode(flipped));
      });
    }
  });
});
