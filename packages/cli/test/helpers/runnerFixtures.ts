// The runner's Python fixtures (test-fixtures/runner), and quick settings for
// end-to-end runs of the runner commands on a two-core machine.

import { fileURLToPath } from "node:url";

/** From dist/test/helpers up to the repository root. */
export const RUNNER_FIXTURES = fileURLToPath(new URL("../../../../../test-fixtures/runner/", import.meta.url));

/** profile options for a run of about two seconds. */
export const QUICK = ["--duration", "0.15", "--repeats", "1", "--max-threads", "4", "--grace", "1"] as const;
