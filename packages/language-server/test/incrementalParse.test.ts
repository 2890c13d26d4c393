import assert from "node:assert/strict";
import fs from "node:fs";
import { convertTree, parsePython } from "eslint-plugin-aether";
import { OpenDocument } from "../src/documents/openDocument.js";
import { fixtureText } from "./support/workspace.js";

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The AST as plain data, without `parent` links. */
function plain(result: ReturnType<typeof convertTree>): string {
  return JSON.stringify(result, (key, value) => (key === "parent" ? undefined : value));
}

const SNIPPETS = ["", "x", "\n", "    ", "(", ")", ":", "\r\n", "é", "😀", "# c\n", "'''", "def f():\n    pass\n", "\\\n", "lambda: 0"];

describe("incremental parsing", () => {
  for (const [name, text] of [
    ["worker.py", fixtureText("worker.py")],
    ["pricefeed/server.py", fs.readFileSync(new URL("../../../../test-fixtures/demo/pricefeed/server.py", import.meta.url), "utf8")],
  ] as const) {
    it(`after each of 300 random edits to ${name}, the kept tree converts exactly as a fresh parse does`, () => {
      const next = random(7);
      const document = new OpenDocument("file:///x.py", "python", 1, text);
      try {
        for (let version = 2; version < 302; version++) {
          const current = document.text;
          const start = Math.floor(next() * (current.length + 1));
          const end = Math.min(current.length, start + Math.floor(next() * 12));
          const inserted = SNIPPETS[Math.floor(next() * SNIPPETS.length)]!;
          const from = document.document.positionAt(start);
          const to = document.document.positionAt(end);
          document.applyChanges([{ range: { start: from, end: to }, text: inserted }], version);
          // Several edits between parses, as when typing outpaces linting.
          if (version % 3 !== 0) continue;
          const incremental = convertTree(document.text, document.currentTree());
          const fresh = parsePython(document.text);
          assert.equal(plain(incremental), plain(fresh), `edit ${version}: [${start}, ${end}) → ${JSON.stringify(inserted)}`);
        }
      } finally {
        document.dispose();
      }
    });
  }
});
