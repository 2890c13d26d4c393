// The language server: wires the features to one connection. Each LSP
// feature lives in its own module under features/; this file only decides
// capabilities and routes document events.

import {
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
} from "vscode-languageserver/node";
import os from "node:os";
import { filePathOf } from "./documents/documentPaths.js";
import { OpenDocuments } from "./documents/openDocuments.js";
import { CODE_ACTION_KINDS, registerCodeActions } from "./features/codeActions.js";
import { registerCodeLens } from "./features/codeLens.js";
import { Diagnostics } from "./features/diagnostics.js";
import { PROFILE_COMMANDS, registerProfileCommand } from "./features/profileCommand.js";
import { readInitializationOptions, type InitializationOptions } from "./initializationOptions.js";
import { DocumentLinter } from "./lint/documentLinter.js";
import { ProjectConfigs } from "./lint/projectConfigs.js";
import { Notices } from "./notices.js";
import { SettingsSource } from "./settingsSource.js";
import { serverVersion } from "./version.js";

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: OpenDocuments;
  readonly linter: DocumentLinter;
  readonly diagnostics: Diagnostics;
  readonly settings: SettingsSource;
  readonly notices: Notices;
  readonly options: InitializationOptions;
  readonly capabilities: ClientCapabilities;
  /** The first workspace folder, else the home directory: where unsaved buffers live and reports go. */
  readonly workspaceFolder: string;
}

export function startServer(connection: Connection): void {
  const documents = new OpenDocuments();
  const configs = new ProjectConfigs();
  const notices = new Notices(connection);
  let context: ServerContext | undefined;

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    const options = readInitializationOptions(params.initializationOptions);
    const pullsConfiguration = capabilities.workspace?.configuration === true;
    const settings = new SettingsSource(connection, pullsConfiguration, options.settings);
    const workspaceFolder = firstFolder(params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined);
    const linter = new DocumentLinter(documents, settings, configs, notices, () => workspaceFolder);
    const pull = capabilities.textDocument?.diagnostic !== undefined;
    const canRefresh = capabilities.workspace?.diagnostics?.refreshSupport === true;
    const diagnostics = new Diagnostics(connection, documents, linter, pull, canRefresh);
    context = { connection, documents, linter, diagnostics, settings, notices, options, capabilities, workspaceFolder };

    diagnostics.listen();
    registerCodeActions(connection, documents, linter);
    registerCodeLens(context);
    registerProfileCommand(context);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: PROFILE_COMMANDS },
        ...(pull ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: "aether-language-server", version: serverVersion() },
    };
  });

  connection.onInitialized(() => {
    if (context?.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/pyproject.toml" }] });
    }
  });

  documents.listen(connection, {
    // A pull client asks for an opened document's diagnostics itself; a push client gets them at once.
    opened: (document) => context?.diagnostics.schedule(document.uri, 0),
    changed: (document) => {
      if (context === undefined) return;
      context.diagnostics.changed(document.uri);
      void context.settings.forDocument(document.uri).then((settings) => context?.diagnostics.schedule(document.uri, settings.lintDelay));
    },
    closed: (uri) => {
      context?.linter.forget(uri);
      context?.diagnostics.closed(uri);
    },
  });

  connection.onDidChangeConfiguration(({ settings }) => {
    if (context === undefined) return;
    context.settings.changed(settings);
    relintAll(context);
  });

  connection.onDidChangeWatchedFiles(() => {
    if (context === undefined) return;
    configs.clear();
    notices.reset();
    relintAll(context);
  });

  connection.onShutdown(() => documents.disposeAll());
  connection.listen();
}

function relintAll(context: ServerContext): void {
  context.linter.invalidateAll();
  void context.diagnostics.publishAll();
}

function firstFolder(uri: string | undefined): string {
  return (uri === undefined ? undefined : filePathOf(uri)) ?? os.homedir();
}
