// Versions for `aether --version` and SARIF, read from package.json files so they
// never drift from what is installed (and without loading the plugin's parser).

import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function cliVersion(): string {
  return readVersion(new URL("../../package.json", import.meta.url));
}

/** "aether 0.1.0 (eslint-plugin-aether 0.1.0, eslint 10.15.0)". */
export function versionLine(): string {
  const dependency = (name: string) => `${name} ${readVersion(require.resolve(`${name}/package.json`))}`;
  return `aether ${cliVersion()} (${dependency("eslint-plugin-aether")}, ${dependency("eslint")})`;
}

function readVersion(packageJson: string | URL): string {
  return (JSON.parse(fs.readFileSync(packageJson, "utf8")) as { version: string }).version;
}
