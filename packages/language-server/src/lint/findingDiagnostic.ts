// An ESLint message as an LSP diagnostic: range, severity from risk, the rule
// id as `code` with a link to its documentation, and the risk in `data`.

import type { Linter } from "eslint";
import { findingRisk, rules } from "eslint-plugin-aether";
import { DiagnosticSeverity, type Diagnostic, type Range } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { severityFor, type ServerSettings } from "../settings.js";

export const SOURCE = "aether";

/** What a diagnostic carries for code actions and for clients that show risk. */
export interface FindingData {
  readonly risk: number | undefined;
}

export function findingDiagnostic(message: Linter.LintMessage, document: TextDocument, settings: ServerSettings): Diagnostic {
  const range = messageRange(message, document);
  if (message.ruleId === null) {
    // A parse error (or an ESLint problem with the file itself).
    return { range, severity: DiagnosticSeverity.Error, source: SOURCE, message: message.message };
  }
  const risk = findingRisk(message.ruleId, message.messageId);
  const url = ruleDocsUrl(message.ruleId);
  const data: FindingData = { risk };
  return {
    range,
    severity: severityFor(settings, message.ruleId, risk),
    source: SOURCE,
    code: message.ruleId,
    ...(url !== undefined ? { codeDescription: { href: url } } : {}),
    message: message.message,
    data,
  };
}

/** ESLint's 1-based lines and columns → LSP's 0-based; a bare position covers one character. */
export function messageRange(message: Linter.LintMessage, document: TextDocument): Range {
  const start = { line: Math.max(message.line - 1, 0), character: Math.max(message.column - 1, 0) };
  if (message.endLine !== undefined && message.endColumn !== undefined) {
    return { start, end: { line: message.endLine - 1, character: message.endColumn - 1 } };
  }
  const offset = document.offsetAt(start);
  const lineEnd = document.offsetAt({ line: start.line + 1, character: 0 });
  const atLineBreak = offset >= lineEnd || /[\r\n]/.test(document.getText().charAt(offset));
  return { start, end: document.positionAt(atLineBreak ? offset : offset + 1) };
}

function ruleDocsUrl(ruleId: string): string | undefined {
  const name = ruleId.startsWith("aether/") ? ruleId.slice("aether/".length) : undefined;
  const rule = name === undefined ? undefined : (rules as Record<string, { meta?: { docs?: { url?: string } } }>)[name];
  return rule?.meta?.docs?.url;
}
