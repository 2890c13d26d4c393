// Loads web-tree-sitter and the Python grammar once, at module load.
//
// ESLint calls `Language.parse()` synchronously, while `Parser.init()` and
// `Language.load()` are async: a top-level `await` here makes every importer
// wait until the parser is ready, so `parse` can stay synchronous.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Language, Parser, type Tree } from "web-tree-sitter";

const require = createRequire(import.meta.url);

/** Paths of the two `.wasm` files, for bundlers and packagers that must ship them. */
export const wasmPaths = {
  runtime: wasmPath("web-tree-sitter.wasm", "web-tree-sitter/web-tree-sitter.wasm"),
  python: wasmPath("tree-sitter-python.wasm", "tree-sitter-python/tree-sitter-python.wasm"),
};

/**
 * A bundle (the VS Code extension's server) ships the file next to itself, where no package can be
 * resolved; installed from npm, the file is found in its package.
 */
function wasmPath(fileName: string, packagePath: string): string {
  const besideModule = fileURLToPath(new URL(`./${fileName}`, import.meta.url));
  return existsSync(besideModule) ? besideModule : require.resolve(packagePath);
}

await Parser.init({ locateFile: () => wasmPaths.runtime });
export const pythonGrammar = await Language.load(wasmPaths.python);

const parser = new Parser();
parser.setLanguage(pythonGrammar);

/**
 * Parses Python source into a tree-sitter tree. The caller owns the tree and
 * must `delete()` it when done (it lives in wasm memory). Passing the previous
 * tree, already `edit()`ed, makes the parse incremental.
 */
export function parseTree(text: string, oldTree?: Tree | null): Tree {
  const tree = parser.parse(withPythonLineEnds(text), oldTree ?? null);
  if (!tree) throw new Error("tree-sitter returned no tree");
  return tree;
}

/** Node type names and field names by id: reading ids across the wasm boundary is cheaper than strings. */
export const typeNames: readonly string[] = Array.from(
  { length: pythonGrammar.nodeTypeCount },
  (_, id) => pythonGrammar.nodeTypeForId(id) ?? "",
);
export const typeIsNamed: readonly boolean[] = Array.from(
  { length: pythonGrammar.nodeTypeCount },
  (_, id) => pythonGrammar.nodeTypeIsNamed(id),
);
export const fieldNames: readonly (string | null)[] = Array.from(
  { length: pythonGrammar.fieldCount + 1 },
  (_, id) => (id === 0 ? null : pythonGrammar.fieldNameForId(id)),
);

/**
 * Python ends a line at a lone \r too; tree-sitter-python does not. Turning
 * each lone \r into \n keeps every offset, so positions still match the text.
 */
function withPythonLineEnds(text: string): string {
  return text.includes("\r") ? text.replace(/\r(?!\n)/g, "\n") : text;
}
