// The help `aether --help` prints: what Aether is, its commands, exit codes.

export const MAIN_HELP = `Usage: aether <command> [options]

Aether finds code that breaks when Python runs free-threaded (no GIL) or in
several threads: races, deadlocks, crashes. It lints with eslint-plugin-aether,
and, when asked, runs a function to measure how it scales with threads.

Commands:
  check [paths...]          lint Python files and report findings with their risk
  ast <file>                print a file's Python AST, as rules see it
  profile <file.py>:<func>  measure throughput against threads: the peak, the
                            saturation cliff, the thread count to use
  regression <file.py>:<func>
                            compare the free-threaded and standard builds: the
                            single-thread cost, the break-even thread count
  pool <file.py>:<func>     find a thread pool's max_workers by hill climbing
  status                    list Python interpreters: version, build, GIL

Options:
  -h, --help         show this help (also: aether <command> --help)
  -v, --version      show the versions of aether, the plugin and ESLint

Exit codes:
  0  success, no errors found
  1  errors found (check), a syntax error (ast), or the function profiled
     failed: it raised, hung or crashed (profile, regression, pool)
  2  usage or configuration error, missing path, or internal error

Examples:
  aether check
  aether check src --format sarif --output-file aether.sarif
  aether ast app.py --json
  aether profile app/feeds.py:refresh --report scaling.html
  aether status
`;
