// SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps, IDE
// viewers) import: the rule table from the rules' meta, one result per finding.
// Parse errors have no rule, so they are reported as tool notifications.

import path from "node:path";
import { pathToFileURL } from "node:url";
import type { RuleInfo } from "../rules/ruleCatalog.js";
import { displayPath } from "./displayPath.js";
import type { AetherLintMessage, Report } from "./report.js";

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const SOURCE_ROOT = "%SRCROOT%";

export function formatSarif({ results, rules, cwd, toolVersion }: Report): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const findings: object[] = [];
  const notifications: object[] = [];
  for (const result of results) {
    const artifactLocation = artifactLocationOf(result.filePath, cwd);
    for (const message of result.messages) {
      const location = { physicalLocation: { artifactLocation, ...regionOf(message) } };
      const index = message.ruleId === null ? undefined : ruleIndex.get(message.ruleId);
      if (index === undefined) {
        notifications.push({ level: levelOf(message), message: { text: message.message }, locations: [location] });
      } else {
        findings.push({
          ruleId: message.ruleId,
          ruleIndex: index,
          level: levelOf(message),
          message: { text: message.message },
          locations: [location],
          ...(message.risk === undefined ? {} : { properties: { risk: message.risk } }),
        });
      }
    }
  }

  const sarif = {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "aether", version: toolVersion, rules: rules.map(ruleDescriptor) } },
        // ESLint columns count UTF-16 code units, SARIF's default unit; said explicitly for readers.
        columnKind: "utf16CodeUnits",
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(cwd) } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results: findings,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

function ruleDescriptor(rule: RuleInfo): object {
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    ...(rule.url === undefined ? {} : { helpUri: rule.url }),
    properties: {
      ...(rule.risk === undefined ? {} : { risk: rule.risk }),
      ...(rule.category === undefined ? {} : { category: rule.category, tags: [rule.category] }),
    },
  };
}

function levelOf(message: AetherLintMessage): "error" | "warning" {
  return message.severity === 2 ? "error" : "warning";
}

/** `{ region }`, or nothing for a message about the whole file (it has no line). */
function regionOf(message: AetherLintMessage): object {
  if (!(message.line >= 1)) return {};
  // Both ESLint and SARIF use 1-based columns with an exclusive end.
  const region = {
    startLine: message.line,
    ...(message.column >= 1 ? { startColumn: message.column } : {}),
    ...(message.endLine === undefined ? {} : { endLine: message.endLine }),
    ...(message.endColumn === undefined ? {} : { endColumn: message.endColumn }),
  };
  return { region };
}

/** Relative to the source root when the file is under the working directory, else an absolute file URI. */
function artifactLocationOf(filePath: string, cwd: string): object {
  const shown = displayPath(filePath, cwd);
  if (path.isAbsolute(shown)) return { uri: pathToFileURL(filePath).href };
  return { uri: shown.split(path.sep).map(encodeURIComponent).join("/"), uriBaseId: SOURCE_ROOT };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith("/") ? href : `${href}/`;
}
