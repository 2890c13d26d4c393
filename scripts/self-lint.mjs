// Lints the repository's own TypeScript with ESLint 9 in eslintrc mode
// (.eslintrc.cjs), as the repo's conventions ask. ESLint 9's deprecation
// notice for eslintrc is expected and silenced.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const eslintBin = join(dirname(require.resolve("eslint9/package.json")), "bin", "eslint.js");
const result = spawnSync(
  process.execPath,
  ["--disable-warning=ESLintRCWarning", eslintBin, "--max-warnings", "0", "--ext", ".ts,.mjs", "packages", "scripts"],
  { stdio: "inherit", env: { ...process.env, ESLINT_USE_FLAT_CONFIG: "false" } },
);
process.exit(result.status ?? 1);
