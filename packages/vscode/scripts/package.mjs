// Packages the extension as aether-vscode-<version>.vsix beside package.json: bundles it, then does
// what `vsce package --no-dependencies` does. Everything runs from the bundle, so no node_modules
// ship, and nothing is fetched: packaging works offline.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createVSIX } from "@vscode/vsce";
import { bundle, extensionDir } from "./bundle.mjs";

export async function packageExtension() {
  await bundle();
  const { name, version } = JSON.parse(await readFile(path.join(extensionDir, "package.json"), "utf8"));
  const packagePath = path.join(extensionDir, `${name}-${version}.vsix`);
  // The repository is private for now: no `repository` field to point the Marketplace page at.
  await createVSIX({ cwd: extensionDir, packagePath, dependencies: false, allowMissingRepository: true });
  return packagePath;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await packageExtension();
