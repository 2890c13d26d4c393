// A profile's answer where the code is: an Information diagnostic on the
// function's `def` line ("Peak at 4 threads; cliff at 8 threads"). Each
// profiled function of a document keeps its own until the document changes
// (the diagnostics then clear them, as the numbers may no longer hold).

import { threadsText, type ProfileAnalysis } from "aether-runner";
import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver/node";
import type { OpenDocument } from "../documents/openDocument.js";
import type { Diagnostics } from "../features/diagnostics.js";
import { defLineRange } from "./defLine.js";

export const PROFILE_DIAGNOSTIC_CODE = "aether/profile";

/** The diagnostic's words: where throughput peaks, and where it falls off a cliff if it does. */
export function profileSummary(analysis: ProfileAnalysis): string {
  const largest = Math.max(...analysis.points.map((point) => point.threads));
  if (analysis.points.length === 1) return `Measured ${threadsText(largest)} only`;
  const peak = `Peak at ${threadsText(analysis.peak.threads)}`;
  return analysis.cliff === null ? `${peak}; no cliff up to ${threadsText(largest)}` : `${peak}; cliff at ${threadsText(analysis.cliff.threads)}`;
}

export class ProfileDiagnostics {
  /** Per document object, so a closed document's entries go with it. */
  readonly #shown = new WeakMap<OpenDocument, { readonly version: number; readonly byTarget: Map<string, Diagnostic> }>();

  constructor(private readonly diagnostics: Diagnostics) {}

  /** Shows `analysis` on `line` of the document's current version, beside the other functions' results. */
  async show(document: OpenDocument, target: string, line: number, analysis: ProfileAnalysis): Promise<void> {
    let shown = this.#shown.get(document);
    if (shown?.version !== document.version) {
      shown = { version: document.version, byTarget: new Map() };
      this.#shown.set(document, shown);
    }
    shown.byTarget.set(target, {
      range: defLineRange(document.document, line),
      severity: DiagnosticSeverity.Information,
      source: "aether",
      code: PROFILE_DIAGNOSTIC_CODE,
      message: profileSummary(analysis),
    });
    this.diagnostics.setExtra(document.uri, [...shown.byTarget.values()]);
    await this.diagnostics.publish(document.uri);
  }
}
