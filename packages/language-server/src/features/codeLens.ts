// Code lens "▶ Profile this function" above every function the profile
// harness can call with no arguments (see profile/profileTargets.ts for
// which). None in an untrusted workspace, where profiling is off, and none
// in a buffer that is not a saved .py file: the harness imports the file.

import type { CodeLens } from "vscode-languageserver/node";
import type { OpenDocument } from "../documents/openDocument.js";
import { documentTargets, profiledFile } from "../profile/documentTargets.js";
import { defLineRange } from "../profile/defLine.js";
import { PROFILE_COMMAND, type ProfileCommandArguments } from "../profile/profileCommandArguments.js";
import type { ProfileTarget } from "../profile/profileTargets.js";
import type { ServerContext } from "../server.js";

export const CODE_LENS_TITLE = "▶ Profile this function";

export function registerCodeLens(context: ServerContext): void {
  context.connection.onCodeLens(async ({ textDocument: { uri } }) => {
    if (!context.options.profiling || profiledFile(uri) === undefined) return [];
    const settings = await context.settings.forDocument(uri);
    // The document may have closed while the settings were fetched.
    const document = context.documents.get(uri);
    if (!settings.enable || document === undefined) return [];
    return documentTargets(document).map((target) => lens(document, target));
  });
}

function lens(document: OpenDocument, target: ProfileTarget): CodeLens {
  const argument: ProfileCommandArguments = { uri: document.uri, target: target.name, line: target.line };
  return {
    range: defLineRange(document.document, target.line),
    command: { title: CODE_LENS_TITLE, command: PROFILE_COMMAND, arguments: [argument] },
  };
}
