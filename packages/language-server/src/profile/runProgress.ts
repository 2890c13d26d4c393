// The progress an editor shows while a profile runs (`$/progress`: how far,
// and at how many threads), and the two ways to stop it. A client that sent
// a workDoneToken with the command gets its progress on that token and
// cancels the request itself ($/cancelRequest); otherwise, if it can show
// progress, the server creates one, whose Cancel button arrives as
// `window/workDoneProgress/cancel`. Either way the run's AbortSignal fires.

import { profileProgressText, type ProfileProgress } from "aether-runner";
import {
  WorkDoneProgressReporter,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type Disposable,
} from "vscode-languageserver/node";

export class RunProgress {
  readonly #controller = new AbortController();
  readonly #subscriptions: Disposable[] = [];
  #reporter: WorkDoneProgressReporter;

  private constructor(reporter: WorkDoneProgressReporter, request: CancellationToken) {
    this.#reporter = reporter;
    this.#cancelOn(request);
  }

  /** Progress on the client's token, or on one made for the purpose, begun and cancellable. */
  static async begin(
    connection: Connection,
    capabilities: ClientCapabilities,
    clientReporter: WorkDoneProgressReporter,
    request: CancellationToken,
    title: string,
  ): Promise<RunProgress> {
    const progress = new RunProgress(clientReporter, request);
    if (WorkDoneProgressReporter.isNullInstance(clientReporter) && capabilities.window?.workDoneProgress === true) {
      try {
        const created = await connection.window.createWorkDoneProgress();
        progress.#reporter = created;
        progress.#cancelOn(created.token);
      } catch {
        // The client would not create it: the profile runs without progress.
      }
    }
    progress.#reporter.begin(title, 0, "starting Python", true);
    return progress;
  }

  /** Fires when the user cancels, either way. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  report(step: ProfileProgress): void {
    this.#reporter.report(Math.round((100 * step.done) / step.total), profileProgressText(step));
  }

  /** Ends the progress (the client removes it) however the run ended. */
  done(): void {
    for (const subscription of this.#subscriptions) subscription.dispose();
    this.#reporter.done();
  }

  #cancelOn(token: CancellationToken): void {
    if (token.isCancellationRequested) this.#controller.abort();
    this.#subscriptions.push(token.onCancellationRequested(() => this.#controller.abort()));
  }
}
