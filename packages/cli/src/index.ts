// The CLI as a library, for tools that want its pieces without spawning `aether`
// (the language server reads [tool.aether] the same way).

export { runAst } from "./commands/ast.js";
export { runCheck } from "./commands/check.js";
export { runPoolCommand } from "./commands/pool.js";
export { runProfileCommand } from "./commands/profile.js";
export { runRegressionCommand } from "./commands/regression.js";
export { runStatusCommand } from "./commands/status.js";
export type { CommandIo } from "./commandIo.js";
export { CliError } from "./cliError.js";
export { loadSettings } from "./config/pyproject.js";
export { loadProjectConfig, type ProjectConfig } from "./config/projectConfig.js";
export { IgnorePatterns } from "./files/ignorePatterns.js";
export type { AetherSettings, RuleLevel } from "./config/settings.js";
export { findPythonFiles } from "./files/walk.js";
export { checkPythonText } from "./files/textCheck.js";
export { FORMATTERS, type FormatName } from "./formats/formats.js";
export type { AetherLintMessage, AetherLintResult, Report } from "./formats/report.js";
export { ruleCatalogFrom, type RuleCatalog, type RuleInfo } from "./rules/ruleCatalog.js";
