// What a finished check hands to the output formats: ESLint's results with each
// finding's risk attached, the rule catalog, and where paths are shown from.

import type { ESLint, Linter } from "eslint";
import type { RuleCatalog } from "../rules/ruleCatalog.js";

export interface AetherLintMessage extends Linter.LintMessage {
  /** The finding's risk (base risk × evidence weight); absent on parse errors. */
  risk?: number;
}

export interface AetherLintResult extends ESLint.LintResult {
  messages: AetherLintMessage[];
}

export interface Report {
  readonly results: readonly AetherLintResult[];
  readonly rules: RuleCatalog;
  /** Paths are shown relative to this directory. */
  readonly cwd: string;
  /** The aether CLI's version, for SARIF's tool.driver. */
  readonly toolVersion: string;
}

/** Formats return the whole output without a trailing newline; "" prints nothing. */
export type Formatter = (report: Report) => string;
