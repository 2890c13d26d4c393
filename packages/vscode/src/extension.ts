// The VS Code side of Aether: starts the bundled language server (dist/server.mjs) for Python files,
// tells it what only the editor knows — workspace trust, the interpreter the Python extension selected —
// and shows the reports it produces. Diagnostics, quick fixes, code lenses and the `aether.profile`
// command all come from the server (vscode-languageclient registers that command from the server's
// capabilities), so any LSP editor gets the same features.
import * as path from "node:path";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { activeInterpreterPath, onInterpreterChange, PYTHON_EXTENSION_ID, withInterpreterPaths } from "./pythonInterpreter.js";
import { SHOW_REPORT_NOTIFICATION, showReport, type ShowReportParams } from "./reportView.js";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const languageClient = new LanguageClient("aether", "Aether", serverOptions(context), clientOptions());
  client = languageClient;
  context.subscriptions.push(
    languageClient.onNotification(SHOW_REPORT_NOTIFICATION, (params: ShowReportParams) => showReport(params)),
    // The server learns about trust only from initializationOptions (profiling runs the user's code,
    // so it is off in an untrusted workspace): granting trust needs a new session.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void languageClient.restart()),
  );
  await languageClient.start();

  // The interpreter filled into the settings changed: the server must ask for its settings again.
  // Not awaited: activating the Python extension must not hold up Aether's start.
  void onInterpreterChange(pythonExtension(), () => {
    if (languageClient.isRunning()) {
      void languageClient.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    }
  }).then((subscription) => {
    if (subscription) context.subscriptions.push(subscription);
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function serverOptions(context: vscode.ExtensionContext): ServerOptions {
  // The server is an ES module (its parser loads with a top-level await); Node forks `.mjs` as such.
  const server = { module: context.asAbsolutePath(path.join("dist", "server.mjs")), transport: TransportKind.stdio };
  return { run: server, debug: server };
}

function clientOptions(): LanguageClientOptions {
  return {
    documentSelector: [
      { language: "python", scheme: "file" },
      { language: "python", scheme: "untitled" },
    ],
    synchronize: { configurationSection: "aether" },
    // A function, so a restart after trust is granted sends the new value.
    initializationOptions: () => ({ profiling: vscode.workspace.isTrusted, reportView: true }),
    middleware: {
      workspace: {
        // An empty `aether.pythonPath` means "auto": the interpreter the user picked in the Python
        // extension is a better guess than whatever the server finds on PATH.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return withInterpreterPaths(params.items, answers, (scopeUri) =>
            activeInterpreterPath(pythonExtension(), scopeUri === undefined ? undefined : vscode.Uri.parse(scopeUri)),
          );
        },
      },
    },
  };
}

function pythonExtension(): vscode.Extension<unknown> | undefined {
  return vscode.extensions.getExtension(PYTHON_EXTENSION_ID);
}
