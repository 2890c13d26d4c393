// The help `aether --help` prints: what Aether is, its commands, exit codes.

export const MAIN_HELP = `Usage: aether <command> [options]

Aether finds code that breaks when Python runs free-threaded (no GIL) or in
several threads: races, deadlocks, crashes. It lints with eslint-plugin-aether.

Commands:
  check [paths...]   lint Python files and report findings with their risk
  ast <file>         print a file's Python AST, as rules see it

Options:
  -h, --help         show this help (also: aether <command> --help)
  -v, --version      show the versions of aether, the plugin and ESLint

Exit codes:
  0  success, no errors found
  1  errors found (check) or a syntax error (ast)
  2  usage or configuration error, missing path, or internal error

Examples:
  aether check
  aether check src --format sarif --output-file aether.sarif
  aether ast app.py --json
`;
