import assert from "node:assert/strict";
import { checkPythonText } from "../src/files/textCheck.js";

const bytes = (...values: number[]) => Uint8Array.from(values);
const encode = (text: string) => new TextEncoder().encode(text);

describe("checkPythonText", () => {
  it("accepts UTF-8, keeping a BOM for ESLint to handle", () => {
    assert.deepEqual(checkPythonText(encode("x = 'é'\n")), { ok: true, text: "x = 'é'\n" });
    assert.deepEqual(checkPythonText(bytes(0xef, 0xbb, 0xbf, 0x78)), { ok: true, text: "\uFEFFx" });
    assert.deepEqual(checkPythonText(bytes()), { ok: true, text: "" });
  });

  it("skips binary files", () => {
    assert.deepEqual(checkPythonText(bytes(0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01)), {
      ok: false,
      reason: "binary file (contains NUL bytes)",
    });
  });

  it("skips UTF-16 in either byte order", () => {
    const reason = "UTF-16 encoded; only UTF-8 is supported";
    assert.deepEqual(checkPythonText(bytes(0xff, 0xfe, 0x78, 0x00)), { ok: false, reason });
    assert.deepEqual(checkPythonText(bytes(0xfe, 0xff, 0x00, 0x78)), { ok: false, reason });
  });

  it("skips text in other encodings", () => {
    // "café" in Latin-1
    assert.deepEqual(checkPythonText(bytes(0x63, 0x61, 0x66, 0xe9)), { ok: false, reason: "not valid UTF-8" });
  });
});
