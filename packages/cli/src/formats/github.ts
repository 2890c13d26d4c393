// GitHub Actions workflow commands: one `::error` or `::warning` annotation per
// finding, which GitHub shows on the pull request's changed lines.

import { portableDisplayPath } from "./displayPath.js";
import type { AetherLintMessage, Report } from "./report.js";

export function formatGithub({ results, cwd }: Report): string {
  return results
    .flatMap((result) =>
      result.messages.map((message) => annotation(portableDisplayPath(result.filePath, cwd), message)),
    )
    .join("\n");
}

function annotation(file: string, message: AetherLintMessage): string {
  const properties: Array<[string, string | number | undefined]> = [
    ["file", file],
    ["line", message.line],
    ["col", message.column],
    ["endLine", message.endLine],
    ["endColumn", message.endColumn],
    ["title", message.ruleId ?? "aether"],
  ];
  const list = properties
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${message.severity === 2 ? "error" : "warning"} ${list}::${escapeData(message.message)}`;
}

// The escapes GitHub's runner (actions/toolkit, command.ts) decodes.
function escapeData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}
