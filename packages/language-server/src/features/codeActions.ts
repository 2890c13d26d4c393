// Code actions: each finding's fix and suggestions as quick fixes, "Disable
// aether/<id> for this line", and `source.fixAll.aether` (every fix ESLint
// can apply, as `eslint --fix` would).

import type { Linter } from "eslint";
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Range,
  type TextEdit,
} from "vscode-languageserver/node";
import type { OpenDocuments } from "../documents/openDocuments.js";
import { disableForLineEdit } from "../lint/disableComment.js";
import type { DocumentLinter } from "../lint/documentLinter.js";
import { findingDiagnostic, messageRange } from "../lint/findingDiagnostic.js";
import { fixEdit, wholeTextEdit } from "../lint/fixEdits.js";
import type { OpenDocument } from "../documents/openDocument.js";
import type { ServerSettings } from "../settings.js";
import type { FileConfig } from "../lint/projectConfigs.js";
import type { RuleCrash } from "../lint/ruleCrashes.js";

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.aether`;

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

export function registerCodeActions(connection: Connection, documents: OpenDocuments, linter: DocumentLinter): void {
  connection.onCodeAction(async (params) => {
    const outcome = await linter.outcome(params.textDocument.uri);
    const document = documents.get(params.textDocument.uri);
    if (outcome?.kind !== "linted" || document === undefined || document.version !== outcome.version) return [];
    const actions: CodeAction[] = [];
    if (wants(params, CodeActionKind.QuickFix)) {
      const messages = outcome.lint.messages.filter((m) => m.ruleId !== null && overlaps(messageRange(m, document.document), params.range));
      for (const message of messages) {
        actions.push(...quickFixes(message, document, outcome.settings, outcome.lint.commentLines));
      }
    }
    if (wants(params, FIX_ALL_KIND)) {
      const fixAll = fixAllAction(document, outcome.config, outcome.filename, outcome.lint.crashes);
      if (fixAll !== undefined) actions.push(fixAll);
    }
    return actions;
  });
}

function quickFixes(message: Linter.LintMessage, document: OpenDocument, settings: ServerSettings, commentLines: ReadonlySet<number>): CodeAction[] {
  const ruleId = message.ruleId!;
  const diagnostic = findingDiagnostic(message, document.document, settings);
  const action = (title: string, edits: TextEdit[], isPreferred = false): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(isPreferred ? { isPreferred } : {}),
    edit: { changes: { [document.uri]: edits } },
  });
  const actions: CodeAction[] = [];
  if (message.fix) actions.push(action(`Fix this ${ruleId} problem`, [fixEdit(message.fix, document.document)], true));
  for (const suggestion of message.suggestions ?? []) {
    actions.push(action(suggestion.desc, [fixEdit(suggestion.fix, document.document)]));
  }
  const disable = disableForLineEdit({
    document: document.document,
    line: message.line - 1,
    ruleId,
    lineHasComment: commentLines.has(message.line),
    tree: document.currentTree(),
  });
  actions.push(action(`Disable ${ruleId} for this line`, [disable]));
  return actions;
}

/** Every fix at once, computed on the whole text (fixes can change what later rules see). */
function fixAllAction(document: OpenDocument, project: FileConfig, filename: string, crashes: readonly RuleCrash[]): CodeAction | undefined {
  const text = document.text;
  // Rules that crashed on this text stay off, or verifyAndFix would throw.
  const crashed = crashes.flatMap((crash) => (crash.ruleId === undefined ? [] : [crash.ruleId]));
  const config: Linter.Config[] =
    crashed.length === 0 ? project.config : [...project.config, { rules: Object.fromEntries(crashed.map((id) => [id, "off"])) }];
  let output: string;
  try {
    ({ output } = project.linter.verifyAndFix(text, config, { filename }));
  } catch {
    return undefined; // a rule crashed on an intermediate text: no fix-all rather than a half-applied one
  }
  if (output === text) return undefined;
  return {
    title: "Fix all auto-fixable Aether problems",
    kind: FIX_ALL_KIND,
    edit: { changes: { [document.uri]: [wholeTextEdit(document.document, output)] } },
  };
}

/** Whether the client asked for this kind (no `only` means it takes anything). */
function wants(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  if (only === undefined || only.length === 0) return true;
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

function overlaps(a: Range, b: Range): boolean {
  return !(before(a.end, b.start) || before(b.end, a.start));
}

function before(p: Range["start"], q: Range["start"]): boolean {
  return p.line < q.line || (p.line === q.line && p.character < q.character);
}
