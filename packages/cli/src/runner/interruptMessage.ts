// The last line when Ctrl-C (or SIGTERM) stops a runner command: the runner has
// already killed the harness's process group; this says so before aether exits.

import { onInterrupt } from "aether-runner";
import type { CommandIo } from "../commandIo.js";
import type { ProgressLine } from "./progressLine.js";

export function interruptMessage(io: CommandIo, progress: ProgressLine): () => void {
  return onInterrupt((signal) => {
    progress.finish();
    io.stderr(`aether: stopped by ${signal}; the harness and everything it started were killed\n`);
  });
}
