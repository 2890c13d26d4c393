// What `aether profile` prints: what was measured where, the chart, the model,
// and last the verdict in one sentence.

import { gilTurnedOnNote, interpreterLine, uslSentence, type ProfileResult } from "aether-runner";
import { throughputChart } from "./throughputChart.js";

export function profileText(result: ProfileResult): string {
  const { analysis, settings } = result;
  const note = gilTurnedOnNote(result.interpreter, result.gilEnabledAfterLoad);
  return [
    `Profile of ${result.target}`,
    `${interpreterLine(result.python, result.interpreter)}; ${settings.repeats} × ${settings.durationSeconds} s per thread count`,
    ...(note !== undefined ? [note] : []),
    "",
    throughputChart(analysis),
    "",
    uslSentence(analysis.usl),
    "",
    analysis.verdict,
    "",
  ].join("\n");
}
