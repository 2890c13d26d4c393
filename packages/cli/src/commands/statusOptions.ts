// The command line of `aether status`: its options and its help.

import { parseCommandArgs } from "../args.js";
import { usage } from "../runner/runnerOptions.js";

export interface StatusOptions {
  readonly help: boolean;
  readonly imports: boolean;
  readonly python: string | undefined;
  readonly json: boolean;
}

export function parseStatusArgs(argv: readonly string[]): StatusOptions {
  const { values, positionals } = parseCommandArgs("status", argv, {
    imports: { type: "boolean", default: false },
    python: { type: "string" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  if (positionals.length > 0 && !values.help) throw usage("status", `unexpected argument '${positionals[0]}'`);
  return { help: values.help, imports: values.imports, python: values.python, json: values.json };
}

export const STATUS_HELP = `Usage: aether status [options]

List the Python interpreters Aether can find and what each is: version,
standard (GIL) or free-threaded build, and whether the GIL is on at start-up.
Looks at: --python, an active virtualenv, python, python3, python3.N and
python3.Nt on PATH, and every pyenv version. Paths that run the same
interpreter (a pyenv shim and its binary) are shown once.

With --imports, for each free-threaded interpreter: every installed
distribution that ships extension modules, and whether importing its
top-level modules turns the GIL back on (each import in its own process,
with PYTHON_GIL unset). This imports those packages, running their code.

Options:
      --imports        check which extensions turn the GIL on (free-threaded
                       builds only)
      --python <path>  also describe this interpreter
      --json           print the result as JSON
  -h, --help           show this help

Exit codes:
  0  the list was printed (also when no interpreter was found)
  2  usage error, --python that does not run, or an internal error

Examples:
  aether status
  aether status --imports
  aether status --python .venv/bin/python --json
`;
