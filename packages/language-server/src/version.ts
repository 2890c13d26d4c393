// The server's version, from its package.json.
import { readFileSync } from "node:fs";

export function serverVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}
