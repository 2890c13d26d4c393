#!/usr/bin/env node
// `aether-language-server --stdio`: the server over standard input and output,
// for any LSP editor. (--node-ipc and --socket=N also work: the transport is
// whatever vscode-languageserver finds on the command line.)

import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server.js";
import { serverVersion } from "./version.js";

const HELP = `Usage: aether-language-server --stdio

The Aether language server: free-threading diagnostics, quick fixes and a
"Profile this function" code lens for Python, in any editor that speaks LSP.

Options:
  --stdio          talk LSP over standard input and output (what editors use)
  --node-ipc       talk over Node's IPC channel (when started with fork)
  --socket=PORT    talk over a TCP socket
  --version        print the version and exit
  --help           print this help and exit
`;

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  process.stdout.write(HELP);
} else if (args.includes("--version")) {
  process.stdout.write(`${serverVersion()}\n`);
} else if (!args.some((arg) => arg === "--stdio" || arg === "--node-ipc" || arg.startsWith("--socket") || arg.startsWith("--pipe"))) {
  process.stderr.write(`aether-language-server: no transport given\n\n${HELP}`);
  process.exitCode = 2;
} else {
  startServer(createConnection(ProposedFeatures.all));
}
