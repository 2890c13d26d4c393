// The command line of `aether ast`: its options, their checks and its help.

import { parseCommandArgs } from "../args.js";
import { CliError } from "../cliError.js";

export interface AstOptions {
  readonly help: boolean;
  readonly file: string;
  readonly json: boolean;
}

export function parseAstArgs(argv: readonly string[]): AstOptions {
  const { values, positionals } = parseCommandArgs("ast", argv, {
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) return { help: true, file: "", json: false };
  if (positionals.length !== 1) {
    throw new CliError(`expected one file, got ${positionals.length} (see 'aether ast --help')`);
  }
  return { help: false, file: positionals[0]!, json: values.json };
}

export const AST_HELP = `Usage: aether ast [options] <file>

Print the Python AST of a file as Aether's rules see it: CPython's \`ast\` node
types and field names, with positions as \`line:col-endLine:endCol\` (1-based
lines, 0-based columns). Child fields that are None or empty are left out of
the outline; --json shows every field.

Options:
      --json      print the tree as JSON: each node's type, loc, scalar
                  fields and child fields (default: an indented outline)
  -h, --help      show this help

Exit codes:
  0  the tree was printed
  1  the file has a syntax error (printed as file:line:col: Parsing error: …)
  2  usage error, missing or unreadable file, or internal error

Examples:
  aether ast app.py
  aether ast app.py --json > app.ast.json
`;
