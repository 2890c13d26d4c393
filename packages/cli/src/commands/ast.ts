// `aether ast <file>`: parse one file with the plugin's parser and print its tree.

import fs from "node:fs";
import path from "node:path";
import { parsePython, visitorKeys } from "eslint-plugin-aether";
import { dumpAstJson } from "../ast/jsonDump.js";
import type { AstNode } from "../ast/nodeFields.js";
import { dumpAstText } from "../ast/textDump.js";
import { CliError } from "../cliError.js";
import type { CommandIo } from "../commandIo.js";
import { readPythonText } from "../files/textCheck.js";
import { AST_HELP, parseAstArgs } from "./astOptions.js";

export async function runAst(argv: readonly string[], io: CommandIo): Promise<number> {
  const options = parseAstArgs(argv);
  if (options.help) {
    io.stdout(AST_HELP);
    return 0;
  }
  const file = path.resolve(io.cwd, options.file);
  if (!fs.existsSync(file)) throw new CliError(`file not found: ${options.file}`);
  if (!fs.statSync(file).isFile()) throw new CliError(`not a file: ${options.file}`);
  const text = readPythonText(file);
  if (!text.ok) throw new CliError(`cannot parse ${options.file}: ${text.reason}`);

  // parsePython drops a BOM itself, as ESLint does, so positions match what rules see.
  const parsed = parsePython(text.text);
  if (!parsed.ok) {
    for (const error of parsed.errors) {
      io.stderr(`${options.file}:${error.line}:${error.column}: Parsing error: ${error.message}\n`);
    }
    return 1;
  }
  const root: AstNode = parsed.ast;
  io.stdout(`${options.json ? dumpAstJson(root, visitorKeys) : dumpAstText(root, visitorKeys)}\n`);
  return 0;
}
