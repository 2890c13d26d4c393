// Rewrites the rule table in README.md from the rules' metadata (run after `pnpm build`).
import { readFileSync, writeFileSync } from "node:fs";
import plugin, { renderRuleTable, withRuleTable } from "../packages/eslint-plugin/dist/src/index.js";

const path = new URL("../README.md", import.meta.url);
const before = readFileSync(path, "utf8");
const after = withRuleTable(before, renderRuleTable(plugin.rules));
if (after !== before) writeFileSync(path, after);
console.log(after === before ? "README rule table is up to date" : "README rule table updated");
