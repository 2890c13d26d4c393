import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { IgnorePatterns } from "../src/files/ignorePatterns.js";
import { findPythonFiles } from "../src/files/walk.js";
import { makeTempTree, type TempTree } from "./helpers/tempTree.js";

describe("findPythonFiles", () => {
  let tree: TempTree;
  afterEach(() => tree.remove());

  const relativeFiles = (files: readonly string[]) => files.map((file) => path.relative(tree.root, file).split(path.sep).join("/"));

  it("finds .py and .pyi files, sorted, skipping the default directories at any depth", () => {
    tree = makeTempTree({
      "b.py": "",
      "a.pyi": "",
      "notes.txt": "",
      "pkg/mod.py": "",
      "pkg/build/gen.py": "",
      "pkg/__pycache__/mod.py": "",
      ".venv/lib/x.py": "",
      "venv/x.py": "",
      "node_modules/x.py": "",
      "dist/x.py": "",
      "lib/site-packages/x.py": "",
      ".git/hooks/x.py": "",
      "build.py": "",
    });
    const result = findPythonFiles(["."], { cwd: tree.root });
    assert.deepEqual(relativeFiles(result.files), ["a.pyi", "b.py", "build.py", "pkg/mod.py"]);
    assert.deepEqual(result.skipped, []);
  });

  it("honours nested .gitignore files, including re-inclusion with !", () => {
    tree = makeTempTree({
      ".gitignore": "generated/\n*_pb2.py\n",
      "app.py": "",
      "api_pb2.py": "",
      "generated/x.py": "",
      "sub/.gitignore": "local.py\n!keep_pb2.py\n",
      "sub/local.py": "",
      "sub/keep_pb2.py": "",
      "sub/other_pb2.py": "",
      "sub/ok.py": "",
      "other/local.py": "",
    });
    const result = findPythonFiles(["."], { cwd: tree.root });
    assert.deepEqual(relativeFiles(result.files), ["app.py", "other/local.py", "sub/keep_pb2.py", "sub/ok.py"]);
  });

  it("applies the .gitignore files above the walked directory up to the repository root", () => {
    tree = makeTempTree({ ".git/": "", ".gitignore": "secret.py\n", "src/.gitignore": "tmp_*.py\n", "src/pkg/secret.py": "", "src/pkg/tmp_a.py": "", "src/pkg/a.py": "" });
    const result = findPythonFiles(["src/pkg"], { cwd: tree.root });
    assert.deepEqual(relativeFiles(result.files), ["src/pkg/a.py"]);
  });

  it("walks a directory named explicitly even when .gitignore or a default rule would skip it", () => {
    tree = makeTempTree({ ".git/": "", ".gitignore": "generated/\n", "generated/a.py": "", "build/b.py": "" });
    const result = findPythonFiles(["generated", "build"], { cwd: tree.root });
    assert.deepEqual(relativeFiles(result.files), ["generated/a.py", "build/b.py"]);
  });

  it("lints explicit files even in skipped, ignored or excluded places, each once", () => {
    tree = makeTempTree({ ".gitignore": "ignored.py\n", "ignored.py": "", ".venv/x.py": "", "migrations/m.py": "" });
    const exclude = new IgnorePatterns(tree.root, ["migrations/"]);
    const result = findPythonFiles(["ignored.py", ".venv/x.py", "migrations/m.py", "./ignored.py"], { cwd: tree.root, exclude });
    assert.deepEqual(relativeFiles(result.files), ["ignored.py", ".venv/x.py", "migrations/m.py"]);
  });

  it("applies exclude patterns relative to the config root while walking", () => {
    tree = makeTempTree({ "migrations/m.py": "", "app/migrations/n.py": "", "app/tests/test_a.py": "", "app/a.py": "" });
    const exclude = new IgnorePatterns(tree.root, ["migrations/", "/app/tests"]);
    const result = findPythonFiles(["app", "."], { cwd: tree.root, exclude });
    assert.deepEqual(relativeFiles(result.files), ["app/a.py"]);
  });

  it("fails on a missing path before walking anything", () => {
    tree = makeTempTree({ "a.py": "" });
    assert.throws(() => findPythonFiles([".", "nope"], { cwd: tree.root }), { name: "CliError", message: "path not found: nope" });
  });

  it("reports an explicit file that is not Python as skipped", () => {
    tree = makeTempTree({ "README.md": "" });
    const result = findPythonFiles(["README.md"], { cwd: tree.root });
    assert.deepEqual(result, { files: [], skipped: [{ path: tree.at("README.md"), reason: "not a .py or .pyi file" }] });
  });

  it("follows symbolic links to files but not to directories", function () {
    tree = makeTempTree({ "real/a.py": "", "outside/b.py": "" });
    try {
      fs.symlinkSync(tree.at("outside"), tree.at("real/linked-dir"));
      fs.symlinkSync(tree.at("outside/b.py"), tree.at("real/linked.py"));
    } catch {
      this.skip(); // no symlink permission (Windows without developer mode)
    }
    const result = findPythonFiles(["real"], { cwd: tree.root });
    assert.deepEqual(relativeFiles(result.files), ["real/a.py", "real/linked.py"]);
  });
});
