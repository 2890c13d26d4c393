// Sentences the terminal output and the HTML report share, so both say the same thing.

import { describeBuild, type InterpreterFacts } from "../engines/interpreterFacts.js";
import type { UslFit } from "../engines/usl.js";
import { formatCount, formatPercent } from "./numberText.js";

/** Above this relative error the curve is not the USL's shape (a cliff, a step): say so. */
const POOR_FIT = 0.15;

export function uslSentence(usl: UslFit | null): string {
  if (usl === null) return "No USL fit: it needs at least three thread counts.";
  const peak = Number.isFinite(usl.peakThreads) ? `N* = ${usl.peakThreads.toFixed(1)} threads` : "no peak (κ = 0, N* = ∞)";
  const fit = `USL fit: λ = ${formatCount(usl.lambda)} calls/s, σ = ${usl.sigma.toFixed(4)}, κ = ${usl.kappa.toExponential(2)}, ${peak}; fit error ${formatPercent(usl.relativeError)} (RMS)`;
  return usl.relativeError > POOR_FIT ? `${fit}: a poor fit, so trust the measured points over the curve.` : `${fit}.`;
}

/** "Python 3.11.7 standard build (GIL) at /usr/bin/python3, 2 CPUs". */
export function interpreterLine(python: string, facts: InterpreterFacts): string {
  return `Python ${describeBuild(facts)} at ${python}, ${facts.cpuCount} CPU${facts.cpuCount === 1 ? "" : "s"}`;
}

/** Said when a free-threaded build started without the GIL and importing the target turned it on. */
export function gilTurnedOnNote(facts: InterpreterFacts, gilEnabledAfterLoad: boolean): string | undefined {
  if (!facts.freeThreadedBuild || facts.gilEnabled || !gilEnabledAfterLoad) return undefined;
  return "Importing the target turned the GIL on in this free-threaded build: these numbers are for a GIL-bound run ('aether status --imports' shows which extension does it).";
}
