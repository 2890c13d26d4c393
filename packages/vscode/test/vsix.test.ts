// What the .vsix ships: the two bundles, the parser's wasm files, the manifest and notices — and no
// node_modules, sources or tsc output (everything runs from the bundles).
import assert from "node:assert/strict";
import { packagedVsix, zipEntryNames } from "./packagedExtension.js";

describe("the packaged .vsix", () => {
  let entries: string[];

  before(async () => {
    entries = await zipEntryNames(await packagedVsix());
  });

  it("holds the client and server bundles, the wasm files and the manifest", () => {
    assertHolds([
      "extension/package.json",
      "extension/dist/extension.js",
      "extension/dist/server.mjs",
      "extension/dist/web-tree-sitter.wasm",
      "extension/dist/tree-sitter-python.wasm",
      "extension/dist/ThirdPartyNotices.txt",
      "extension/readme.md",
      "extension/changelog.md",
      "extension/LICENSE.txt",
    ]);
  });

  it("holds the package files the server's modules read: manifests, rule docs, the Python harness", () => {
    assertHolds([
      "extension/dist/packages/language-server/package.json",
      "extension/dist/packages/eslint-plugin/package.json",
      "extension/dist/packages/eslint-plugin/docs/rules/non-atomic-update.md",
      "extension/dist/packages/runner/python/aether_harness.py",
    ]);
  });

  it("holds no node_modules, TypeScript sources, tsc output or source maps", () => {
    const unwanted = entries.filter(
      (name) =>
        name.includes("node_modules/") ||
        name.endsWith(".ts") ||
        name.endsWith(".map") ||
        name.startsWith("extension/dist/src/") ||
        name.startsWith("extension/dist/test/") ||
        name.startsWith("extension/src/") ||
        name.startsWith("extension/scripts/"),
    );
    assert.deepEqual(unwanted, []);
  });

  function assertHolds(required: string[]): void {
    assert.deepEqual(
      required.filter((name) => !entries.includes(name)),
      [],
      `entries: ${entries.join(", ")}`,
    );
  }
});
