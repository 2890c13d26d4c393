// The ESLint under test: `eslint` (10) by default, `eslint9` when
// AETHER_ESLINT=eslint9, so the same tests run on both majors.
import type * as EslintModule from "eslint";

export const eslintPackage = process.env.AETHER_ESLINT ?? "eslint";

const eslint = (await import(eslintPackage)) as typeof EslintModule;

export const { Linter, RuleTester, ESLint } = eslint;
export const eslintMajor = Number(((eslint.Linter as unknown as { version: string }).version ?? "0").split(".")[0]);
