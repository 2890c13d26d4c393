// Acceptance: on workloads whose answer is known by construction, the real
// python3 and the whole profiler recommend a thread count within one ladder
// step of the truth, five runs in a row. The workloads wait instead of
// computing, so the answers hold on a busy two-core machine.

import assert from "node:assert/strict";
import { median } from "../src/engines/statistics.js";
import { runProfile } from "../src/runs/profileRun.js";
import { QUICK_PROFILE, targetRequest } from "./helpers/pythonFixtures.js";

const RUNS = 5;
/** Three short repeats, so the median shrugs off one measurement slowed by the rest of the machine. */
const SETTINGS = { ...QUICK_PROFILE, durationSeconds: 0.06, repeats: 3 };

interface KnownAnswer {
  readonly target: string;
  readonly truth: string;
  /** The truth and its neighbours on the ladder 1, 2, 4, 8. */
  readonly accepted: readonly [low: number, high: number];
  readonly check?: (analysis: Awaited<ReturnType<typeof runProfile>>["analysis"]) => void;
}

const KNOWN_ANSWERS: readonly KnownAnswer[] = [
  {
    target: "sleep_bound.py:wait",
    truth: "scales to the ladder's end: 8",
    accepted: [4, 8],
    check: (analysis) => {
      assert.equal(analysis.cliff, null);
      const [one, eight] = [analysis.points[0]!, analysis.points.at(-1)!];
      assert.ok(eight.throughput / one.throughput > 6, `8 threads ${eight.throughput} vs 1 thread ${one.throughput}`);
    },
  },
  {
    target: "one_lock.py:serialised",
    truth: "flat: 1",
    accepted: [1, 2],
    check: (analysis) => {
      // No count does better than the others by more than noise; with many
      // threads queueing on the lock, hand-offs may even lose a little.
      const typical = median(analysis.points.map((point) => point.throughput));
      assert.ok(analysis.points.every((point) => point.throughput < 1.2 * typical), analysis.points.map((point) => point.throughput).join(", "));
    },
  },
  {
    target: "crowded.py:crowded",
    truth: "peak at 4, cliff after",
    accepted: [2, 8],
    check: (analysis) => {
      assert.equal(analysis.peak.threads, 4);
      assert.ok(analysis.cliff !== null && analysis.cliff.threads > 4 && analysis.cliff.drop > 0.3, JSON.stringify(analysis.cliff));
      assert.match(analysis.verdict, /^Peak at 4 threads \([\d,]+ calls\/s\); throughput falls \d+ % by \d threads: use at most 4\.$/);
    },
  },
];

describe("known answers (real python3)", function () {
  this.timeout(60_000);

  for (const known of KNOWN_ANSWERS) {
    it(`${known.target} (${known.truth}): within one ladder step, ${RUNS} runs in a row`, async () => {
      const recommended: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const { analysis } = await runProfile(targetRequest(known.target), SETTINGS);
        recommended.push(analysis.recommendation.threads);
        known.check?.(analysis);
      }
      const [low, high] = known.accepted;
      assert.ok(
        recommended.every((threads) => threads >= low && threads <= high),
        `recommended ${recommended.join(", ")}; expected ${low} to ${high}`,
      );
    });
  }
});
