// Builds everything the .vsix ships into dist/, so the extension needs no node_modules:
// - extension.js: the client, CommonJS (how VS Code loads an extension), `vscode` left external;
// - server.mjs: aether-language-server with all its dependencies, an ES module because the parser
//   loads with a top-level await, which CommonJS cannot express;
// - the parser's two .wasm files beside server.mjs, where the plugin looks first;
// - packages/<name>/…: the files the server's own modules read relative to themselves (package.json,
//   the rule docs, the Python harness), at the same relative places as in the repository;
// - ThirdPartyNotices.txt: the licenses of the bundled packages.
// Run after `pnpm run build` at the repository root: the server is bundled from its compiled output.
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { writeThirdPartyNotices } from "./thirdPartyNotices.mjs";

export const extensionDir = fileURLToPath(new URL("..", import.meta.url));
const packagesDir = path.dirname(extensionDir);
export const distDir = path.join(extensionDir, "dist");

/** What bundle() writes into dist/, all of which the .vsix ships. */
export const BUNDLE_OUTPUTS = [
  "extension.js",
  "server.mjs",
  "web-tree-sitter.wasm",
  "tree-sitter-python.wasm",
  "packages",
  "ThirdPartyNotices.txt",
];

const common = {
  absWorkingDir: extensionDir,
  bundle: true,
  platform: "node",
  target: "node20",
  logLevel: "warning",
  legalComments: "eof",
  metafile: true,
};

export async function bundle() {
  const server = await languageServer();
  // dist/ also holds tsc's output (src/, test/): clear only what this script writes.
  for (const output of BUNDLE_OUTPUTS) await rm(path.join(distDir, output), { recursive: true, force: true });
  await mkdir(distDir, { recursive: true });
  const client = await esbuild.build({
    ...common,
    entryPoints: [path.join(extensionDir, "src", "extension.ts")],
    outfile: path.join(distDir, "extension.js"),
    format: "cjs",
    external: ["vscode"],
  });
  const workspacePackages = new Set();
  const serverBuild = await esbuild.build({
    ...common,
    entryPoints: [server.entry],
    outfile: path.join(distDir, "server.mjs"),
    format: "esm",
    // CommonJS dependencies (vscode-languageserver, ESLint) call `require` on Node's built-ins,
    // which an ES module does not have. Aliased imports: bundled modules import `createRequire` too.
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
    // ESLint imports jiti only to load a TypeScript config file, and only when it is installed.
    external: ["jiti", "jiti/*"],
    plugins: [workspaceModuleUrls(workspacePackages)],
  });
  const wasmFiles = await copyWasm(server.pluginEntry);
  for (const packageDir of workspacePackages) await copyPackageFiles(packageDir);
  const sources = [client, serverBuild].flatMap(({ metafile }) => Object.keys(metafile.inputs));
  await writeThirdPartyNotices(
    [...sources.map((input) => path.resolve(extensionDir, input)), ...wasmFiles],
    path.join(distDir, "ThirdPartyNotices.txt"),
  );
}

/** The server's entry (its package's `bin`, compiled) and the plugin it lints with. */
async function languageServer() {
  const require = createRequire(path.join(extensionDir, "package.json"));
  const manifestPath = require.resolve("aether-language-server/package.json");
  const manifest = JSON.parse(await readFile(manifestPath, "utf8"));
  const entry = path.resolve(path.dirname(manifestPath), manifest.bin["aether-language-server"]);
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run \`pnpm run build\` at the repository root first.`);
  const pluginEntry = createRequire(manifestPath).resolve("eslint-plugin-aether");
  return { entry, pluginEntry };
}

/**
 * In one bundle every module's `import.meta.url` is the bundle's, but the workspace's modules find
 * their package's files relative to themselves (`new URL("../../package.json", import.meta.url)`).
 * This gives each of them the URL it would have at `dist/packages/<name>/<path>`, where
 * copyPackageFiles puts those files. The plugin's treeSitter.js keeps the bundle's URL: it looks for
 * the wasm files next to itself, and they sit next to server.mjs.
 */
function workspaceModuleUrls(workspacePackages) {
  const keepBundleUrl = new Set([path.join(packagesDir, "eslint-plugin", "dist", "src", "language", "treeSitter.js")]);
  return {
    name: "workspace-module-urls",
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, async ({ path: file }) => {
        const relative = path.relative(packagesDir, file);
        if (relative.startsWith("..") || relative.split(path.sep).includes("node_modules")) return undefined;
        workspacePackages.add(path.join(packagesDir, relative.split(path.sep)[0]));
        const contents = await readFile(file, "utf8");
        if (keepBundleUrl.has(file) || !contents.includes("import.meta.url")) return undefined;
        const moduleUrl = `new URL(${JSON.stringify(`./packages/${relative.split(path.sep).join("/")}`)}, import.meta.url).href`;
        return { contents: contents.replaceAll("import.meta.url", moduleUrl), loader: "js" };
      });
    },
  };
}

/** The parser's runtime and grammar, from the paths the plugin itself resolves. */
async function copyWasm(pluginEntry) {
  const { wasmPaths } = await import(pathToFileURL(pluginEntry).href);
  const wasmFiles = [wasmPaths.runtime, wasmPaths.python];
  for (const wasm of wasmFiles) await cp(wasm, path.join(distDir, path.basename(wasm)));
  return wasmFiles;
}

/** A workspace package's package.json and the data its `files` publish besides compiled code. */
async function copyPackageFiles(packageDir) {
  const target = path.join(distDir, "packages", path.basename(packageDir));
  const manifest = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8"));
  const data = (manifest.files ?? []).filter((entry) => !entry.startsWith("dist"));
  for (const entry of ["package.json", ...data]) {
    await cp(path.join(packageDir, entry), path.join(target, entry), { recursive: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await bundle();
