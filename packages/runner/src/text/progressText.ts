// How far a profile has got, in words: the CLI's progress line and an
// editor's progress notification say the same thing.

import type { ProfileProgress } from "../runs/profileRun.js";
import { threadsText } from "./numberText.js";

/** "about 12 s left", "about 2 min left". */
export function timeLeftText(seconds: number): string {
  if (seconds < 1) return "less than a second left";
  if (seconds < 90) return `about ${Math.ceil(seconds)} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

/** "4 threads, repeat 2/3 (7 of 18 measurements), about 6 s left". */
export function profileProgressText(step: ProfileProgress): string {
  return `${threadsText(step.threads)}, repeat ${step.repeat}/${step.repeats} (${step.done} of ${step.total} measurements), ${timeLeftText(step.secondsLeft)}`;
}
