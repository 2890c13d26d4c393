// The ESLint `Language` object for Python (`language: "aether/python"`).
import type { File, OkParseResult, ParseResult as EslintParseResult } from "@eslint/core";
import type { Comment } from "./comments.js";
import { defaultLanguageOptions, validateLanguageOptions, type PythonLanguageOptions } from "./languageOptions.js";
import type { Module } from "./nodes.js";
import { parsePython } from "./parse.js";
import { PythonSourceCode } from "./pythonSourceCode.js";
import { visitorKeys } from "./visitorKeys.js";

type PythonParseResult = EslintParseResult<Module> & { comments?: Comment[] };

export const pythonLanguage = {
  fileType: "text" as const,
  lineStart: 1 as const,
  columnStart: 0 as const,
  nodeTypeKey: "type",
  visitorKeys: visitorKeys as Record<string, string[]>,
  defaultLanguageOptions,

  validateLanguageOptions(options: Record<string, unknown>): void {
    validateLanguageOptions(options);
  },

  parse(file: File): PythonParseResult {
    // ESLint has already removed a BOM from `file.body`.
    const result = parsePython(String(file.body));
    if (!result.ok) return { ok: false, errors: result.errors };
    return { ok: true, ast: result.ast, comments: result.comments };
  },

  createSourceCode(
    file: File,
    parseResult: OkParseResult<Module> & { comments?: Comment[] },
    context?: { languageOptions?: Partial<PythonLanguageOptions> },
  ): PythonSourceCode {
    return new PythonSourceCode({
      text: String(file.body),
      ast: parseResult.ast,
      comments: parseResult.comments ?? [],
      languageOptions: { ...defaultLanguageOptions, ...context?.languageOptions },
    });
  },
};
