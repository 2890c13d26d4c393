// Rewrites the generated sections of rule doc pages (tables kept as data in
// the plugin) from the built plugin (run after `pnpm build`).
import { readFileSync, writeFileSync } from "node:fs";
import { generatedSections, withGeneratedSections } from "../packages/eslint-plugin/dist/src/ruleDocs.js";

for (const rule of new Set(generatedSections.map((s) => s.rule))) {
  const path = new URL(`../packages/eslint-plugin/docs/rules/${rule}.md`, import.meta.url);
  const before = readFileSync(path, "utf8");
  const after = withGeneratedSections(rule, before);
  if (after !== before) writeFileSync(path, after);
  console.log(`docs/rules/${rule}.md: ${after === before ? "up to date" : "updated"}`);
}
