// ESLint's JSON format (the array of LintResults, as `eslint -f json` prints it),
// with each message's `risk` added, for scripts and dashboards.

import type { Report } from "./report.js";

export function formatJson({ results }: Report): string {
  return JSON.stringify(results);
}
