// Linting one open document: the kept tree re-parsed incrementally, converted
// to the Python AST, wrapped in the plugin's SourceCode and handed to ESLint's
// Linter with the project's config. The rules are the plugin's own; nothing
// here knows what a rule does.

import type { Linter } from "eslint";
import { pythonLanguage } from "eslint-plugin-aether";
import type { OpenDocument } from "../documents/openDocument.js";
import type { FileConfig } from "./projectConfigs.js";
import { verifyToleratingCrashes, type RuleCrash } from "./ruleCrashes.js";

export interface DocumentLint {
  /** The document version these messages describe. */
  readonly version: number;
  readonly messages: Linter.LintMessage[];
  /** 1-based lines that already carry a comment (a `# noqa` cannot simply be appended there). */
  readonly commentLines: ReadonlySet<number>;
  readonly crashes: readonly RuleCrash[];
}

export function lintDocument(document: OpenDocument, filename: string, project: FileConfig): DocumentLint {
  const version = document.version;
  const text = document.text;
  const { linter, config } = project;
  if (document.needsPlainParse) {
    // The rare texts the plugin's own parse treats specially (a BOM, NUL bytes):
    // hand ESLint the text and let the language decide.
    const result = verifyToleratingCrashes(linter, text, config, filename);
    return { version, ...result, commentLines: commentLinesOf(linter) };
  }
  const parsed = document.parsed();
  if (!parsed.ok) {
    const [error] = parsed.errors;
    return {
      version,
      messages: error ? [parsingError(error)] : [],
      commentLines: new Set(),
      crashes: [],
    };
  }
  const sourceCode = pythonLanguage.createSourceCode(
    { path: filename, physicalPath: filename, body: text, bom: false },
    { ok: true, ast: parsed.ast, comments: parsed.comments },
    // ESLint applies the file's configured language options before rules run.
    { languageOptions: {} },
  );
  const result = verifyToleratingCrashes(linter, sourceCode as unknown as Parameters<Linter["verify"]>[0], config, filename);
  return { version, ...result, commentLines: new Set(parsed.comments.map((comment) => comment.loc.start.line)) };
}

/** The message ESLint itself gives a file that does not parse. */
function parsingError(error: { message: string; line: number; column: number }): Linter.LintMessage {
  return {
    ruleId: null,
    fatal: true,
    severity: 2,
    message: `Parsing error: ${error.message}`,
    line: error.line,
    column: error.column,
    nodeType: null,
  } as Linter.LintMessage;
}

function commentLinesOf(linter: Linter): Set<number> {
  const sourceCode = linter.getSourceCode() as unknown as { comments?: { loc: { start: { line: number } } }[] } | null;
  return new Set((sourceCode?.comments ?? []).map((comment) => comment.loc.start.line));
}
