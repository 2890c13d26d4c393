// `aether profile`'s run: start the harness, load the target, measure the
// thread ladder `repeats` times (interleaved, so a slow minute of the machine
// does not land on one count), then the refinement around the best count, and
// hand everything to the profile engine.

import type { InterpreterFacts } from "../engines/interpreterFacts.js";
import type { Measurement } from "../engines/measurement.js";
import {
  analyzeProfile,
  DEFAULT_ANALYSIS_SETTINGS,
  summarizePoints,
  type ProfileAnalysis,
  type ProfileAnalysisSettings,
} from "../engines/profileAnalysis.js";
import { findPeak } from "../engines/saturationCliff.js";
import { defaultMaxThreads, refinementCounts, threadLadder } from "../engines/threadLadder.js";
import { withHarnessSession, type HarnessSession } from "../harness/harnessSession.js";
import { loadTarget, measureThreads, measureTiming, type TargetRequest, type TimingSettings } from "./targetCalls.js";

export interface ProfileSettings extends ProfileAnalysisSettings, TimingSettings {
  /** Undefined: 2 × the interpreter's CPU count, at least 8. */
  readonly maxThreads: number | undefined;
  /** Seconds each measurement counts calls for. */
  readonly durationSeconds: number;
  readonly repeats: number;
}

export const DEFAULT_PROFILE_SETTINGS: ProfileSettings = {
  ...DEFAULT_ANALYSIS_SETTINGS,
  maxThreads: undefined,
  durationSeconds: 0.5,
  repeats: 3,
  warmupSeconds: 0.2,
  graceSeconds: 5,
};

export interface ProfileProgress {
  readonly threads: number;
  /** 1-based. */
  readonly repeat: number;
  readonly repeats: number;
  /** Measurements finished so far, and planned in all (the refinement's are estimated until known). */
  readonly done: number;
  readonly total: number;
  readonly secondsLeft: number;
}

export interface ProfileResult {
  /** As the user named it: "app.py:handle". */
  readonly target: string;
  readonly python: string;
  readonly interpreter: InterpreterFacts;
  /** After importing the target: on a free-threaded build an extension may have turned the GIL on. */
  readonly gilEnabledAfterLoad: boolean;
  readonly meanCallSeconds: number;
  readonly maxThreads: number;
  readonly settings: ProfileSettings;
  readonly measurements: readonly Measurement[];
  readonly analysis: ProfileAnalysis;
}

export async function runProfile(
  request: TargetRequest,
  settings: ProfileSettings,
  onProgress?: (progress: ProfileProgress) => void,
): Promise<ProfileResult> {
  return withHarnessSession({ ...request, graceSeconds: settings.graceSeconds }, (session) =>
    profileInSession(session, request, settings, onProgress),
  );
}

/** The profile on an open session: shared with `aether regression`, which profiles two builds. */
export async function profileInSession(
  session: HarnessSession,
  request: TargetRequest,
  settings: ProfileSettings,
  onProgress?: (progress: ProfileProgress) => void,
): Promise<ProfileResult> {
  const loaded = await loadTarget(session, request, settings);
  const maxThreads = settings.maxThreads ?? defaultMaxThreads(session.interpreter.cpuCount);
  const timing = measureTiming(loaded, settings.durationSeconds, settings.graceSeconds);
  const ladder = threadLadder(maxThreads);
  const measurements: Measurement[] = [];
  // Until the best count is known, assume the usual refinement: one count each side of it.
  let total = (ladder.length + (ladder.length >= 3 ? 2 : 0)) * settings.repeats;
  const started = Date.now();

  const measureAll = async (counts: readonly number[]) => {
    for (let repeat = 1; repeat <= settings.repeats; repeat++) {
      for (const threads of counts) {
        measurements.push(await measureThreads(session, threads, timing, settings.durationSeconds, request.target.name));
        const done = measurements.length;
        const perMeasurement = (Date.now() - started) / 1000 / done;
        onProgress?.({ threads, repeat, repeats: settings.repeats, done, total, secondsLeft: Math.max(0, total - done) * perMeasurement });
      }
    }
  };

  await measureAll(ladder);
  const best = findPeak(summarizePoints(measurements))!.threads;
  const refinement = refinementCounts(ladder, best);
  total = measurements.length + refinement.length * settings.repeats;
  await measureAll(refinement);

  return {
    target: request.target.text,
    python: request.python,
    interpreter: session.interpreter,
    gilEnabledAfterLoad: loaded.gilEnabled,
    meanCallSeconds: loaded.meanCallSeconds,
    maxThreads,
    settings,
    measurements,
    analysis: analyzeProfile(measurements, settings),
  };
}
