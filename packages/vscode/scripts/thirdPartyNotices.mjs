// dist/ThirdPartyNotices.txt: the license of every package compiled into the bundles or shipped beside
// them (the Python grammar), since their licenses ask that it travel with redistributed code.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** `files`: every file the bundles were built from or ship; those outside node_modules are Aether's own. */
export async function writeThirdPartyNotices(files, target) {
  const packages = new Map();
  for (const file of files) {
    if (!file.split(path.sep).includes("node_modules")) continue;
    const root = await packageRoot(file);
    if (!packages.has(root)) packages.set(root, await notice(root));
  }
  const notices = [...new Set(packages.values())].sort();
  const header = "Aether for VS Code includes the following third-party packages, under the licenses below.\n";
  await writeFile(target, [header, ...notices].join(`\n${"-".repeat(78)}\n\n`));
}

/** The nearest folder with a package.json naming a package (nested ones like `{"type":"module"}` don't). */
async function packageRoot(file) {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      if (JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")).name) return dir;
    } catch {
      // no package.json here: look further up
    }
  }
  throw new Error(`no package.json above ${file}`);
}

async function notice(root) {
  const { name, version, license } = JSON.parse(await readFile(path.join(root, "package.json"), "utf8"));
  const licenseFile = (await readdir(root)).find((entry) => /^(licen[cs]e|copying)(\.|-|$)/i.test(entry));
  const text = licenseFile ? (await readFile(path.join(root, licenseFile), "utf8")).trim() : "(the package ships no license file)";
  return `${name} ${version} (${license ?? "license not stated"})\n\n${text}\n`;
}
