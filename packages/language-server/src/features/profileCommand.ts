// `aether.profile`: what the "▶ Profile this function" lens runs. The
// runner's profile of one function, in the harness's own process group,
// with cancellable progress; then the verdict as a message, a diagnostic on
// the `def` line and the HTML report, shown as the client allows.
//
// A failure of the run (no interpreter, the target raises, hangs or cannot
// be imported) is an answer, not a broken request: one error message, in the
// runner's words, and a "failed" result. A cancelled run answers the request
// with RequestCancelled, as LSP asks. Nothing is left running either way:
// the runner kills the harness's group whenever a run ends.

import fs from "node:fs";
import path from "node:path";
import {
  profileReportHtml,
  RunCancelled,
  RunnerUsageError,
  runProfile,
  TargetFailure,
  type ProfileResult,
} from "aether-runner";
import {
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  type CancellationToken,
  type WorkDoneProgressReporter,
} from "vscode-languageserver/node";
import { documentTargets, profiledFile } from "../profile/documentTargets.js";
import { PROFILE_COMMAND, readProfileArguments, type ProfileCommandArguments } from "../profile/profileCommandArguments.js";
import { ProfileDiagnostics } from "../profile/profileDiagnostics.js";
import { profileRun, reportFolder, targetText } from "../profile/profileRequest.js";
import { deliverReport } from "../profile/reportDelivery.js";
import { writeReport } from "../profile/reportFiles.js";
import { RunProgress } from "../profile/runProgress.js";
import type { ServerSettings } from "../settings.js";
import type { ServerContext } from "../server.js";

export const PROFILE_COMMANDS = [PROFILE_COMMAND];

export const UNTRUSTED_MESSAGE =
  "Aether: profiling is off because this workspace is not trusted (a profile imports and runs the workspace's code).";

export type ProfileCommandResult =
  | {
      readonly status: "profiled";
      /** As `aether profile` would name it: "jobs.py:Cache.refresh". */
      readonly target: string;
      readonly verdict: string;
      readonly peakThreads: number;
      readonly cliffThreads: number | null;
      readonly recommendedThreads: number;
      /** Null when the report could not be written (the message says why). */
      readonly reportPath: string | null;
    }
  | { readonly status: "failed"; readonly target: string; readonly message: string };

interface ProfileJob extends ProfileCommandArguments {
  readonly file: string;
  readonly text: string;
}

export function registerProfileCommand(context: ServerContext): void {
  const diagnostics = new ProfileDiagnostics(context.diagnostics);
  /** Targets being profiled now: a second click while one runs would only measure two runs fighting. */
  const running = new Set<string>();

  context.connection.onExecuteCommand(async (params, token, workDone) => {
    if (params.command !== PROFILE_COMMAND) throw new ResponseError(ErrorCodes.InvalidParams, `unknown command '${params.command}'`);
    const argument = readProfileArguments(params.arguments);
    if ("problem" in argument) throw new ResponseError(ErrorCodes.InvalidParams, argument.problem);
    if (!context.options.profiling) throw new ResponseError(ErrorCodes.InvalidRequest, UNTRUSTED_MESSAGE);
    const file = profiledFile(argument.uri);
    if (file === undefined) {
      throw new ResponseError(ErrorCodes.InvalidParams, `Aether: only a .py file saved on disk can be profiled (the harness imports it), not ${argument.uri}`);
    }
    const job: ProfileJob = { ...argument, file, text: targetText(file, argument.target, context.workspaceFolder) };
    if (running.has(job.text)) throw new ResponseError(ErrorCodes.InvalidRequest, `Aether: ${job.text} is already being profiled`);
    running.add(job.text);
    try {
      return await profile(context, diagnostics, job, token, workDone);
    } finally {
      running.delete(job.text);
    }
  });
}

async function profile(
  context: ServerContext,
  diagnostics: ProfileDiagnostics,
  job: ProfileJob,
  token: CancellationToken,
  workDone: WorkDoneProgressReporter,
): Promise<ProfileCommandResult> {
  const settings = await context.settings.forDocument(job.uri);
  const progress = await RunProgress.begin(context.connection, context.capabilities, workDone, token, `Profiling ${job.text}`);
  let result: ProfileResult;
  try {
    const run = profileRun(job.file, job.target, settings, context.workspaceFolder, progress.signal);
    warnIfUnsaved(context, job);
    result = await runProfile(run.request, run.settings, (step) => progress.report(step));
  } catch (error) {
    return failure(context, job, error);
  } finally {
    progress.done();
  }
  return answer(context, diagnostics, job, settings, result);
}

/** The diagnostic, the report and the message, for a profile that ran to the end. */
async function answer(
  context: ServerContext,
  diagnostics: ProfileDiagnostics,
  job: ProfileJob,
  settings: ServerSettings,
  result: ProfileResult,
): Promise<ProfileCommandResult> {
  const { analysis } = result;
  const document = context.documents.get(job.uri);
  if (document !== undefined) {
    // The text may have changed during the run: find the def where it is now.
    const line = documentTargets(document).find((target) => target.name === job.target)?.line ?? job.line;
    if (line !== undefined && line < document.document.lineCount) await diagnostics.show(document, job.target, line, analysis);
  }

  let reportPath: string | null = null;
  let whereReport: string;
  try {
    reportPath = writeReport(profileReportHtml(result), reportFolder(settings, context.workspaceFolder), job.file, job.target);
    const shown = await deliverReport(context, { reportPath, title: `Profile of ${job.text}` });
    whereReport = shown ? "" : ` Report: ${reportPath}`;
  } catch (error) {
    whereReport = ` (the report could not be written: ${(error as Error).message})`;
  }
  showMessage(context, MessageType.Info, `Aether profile of ${job.text}: ${analysis.verdict}${whereReport}`);
  return {
    status: "profiled",
    target: job.text,
    verdict: analysis.verdict,
    peakThreads: analysis.peak.threads,
    cliffThreads: analysis.cliff?.threads ?? null,
    recommendedThreads: analysis.recommendation.threads,
    reportPath,
  };
}

/** One error message in the runner's words (details in the log); a cancellation answers the request instead. */
function failure(context: ServerContext, job: ProfileJob, error: unknown): ProfileCommandResult {
  if (error instanceof RunCancelled) {
    throw new ResponseError(LSPErrorCodes.RequestCancelled, `Aether profile of ${job.text} ${error.message}`);
  }
  const known = error instanceof RunnerUsageError || error instanceof TargetFailure;
  const message = known ? error.message : `unexpected error: ${(error as Error).message ?? String(error)}`;
  const details = error instanceof TargetFailure ? [error.traceback, ...error.stacks.map((stack) => `Stuck at:\n${stack}`)] : [];
  const logged = known ? details.filter((text): text is string => text !== undefined && text !== "") : [(error as Error).stack ?? ""];
  if (logged.length > 0) context.connection.console.error(`Aether profile of ${job.text} failed: ${message}\n${logged.join("\n")}`);
  const seeLog = logged.length > 0 ? " (details in the language server's log)" : "";
  showMessage(context, MessageType.Error, `Aether profile of ${job.text} failed: ${message}${seeLog}`);
  return { status: "failed", target: job.text, message };
}

/** The harness imports the file on disk: say so when the editor holds something else. */
function warnIfUnsaved(context: ServerContext, job: ProfileJob): void {
  const document = context.documents.get(job.uri);
  if (document === undefined) return;
  let saved: string;
  try {
    saved = fs.readFileSync(job.file, "utf8");
  } catch {
    return; // the run itself will say the file is gone
  }
  const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (withoutBom(saved) !== withoutBom(document.text)) {
    showMessage(context, MessageType.Warning, `Aether: ${path.basename(job.file)} has unsaved changes; profiling the version saved on disk.`);
  }
}

/** A plain message: window.show*Message would send a showMessageRequest and wait for an answer nobody gives. */
function showMessage(context: ServerContext, type: MessageType, message: string): void {
  void context.connection.sendNotification(ShowMessageNotification.type, { type, message });
}
