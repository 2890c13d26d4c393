// The promise that no Python process outlives aether. Every harness runs as
// the leader of its own process group (spawned with `detached: true`), so that
// killing `-pid` also kills whatever the user's code started. The groups alive
// right now are tracked here; SIGINT, SIGTERM or SIGHUP to aether kills them
// all before aether dies of the signal itself, and so does a normal exit.
//
// A group of its own is also why Ctrl-C needs this: the terminal sends SIGINT
// to aether's group only, never to the harness's.

const live = new Set<number>();
const FORWARDED_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
type ForwardedSignal = (typeof FORWARDED_SIGNALS)[number];

const interruptListeners = new Set<(signal: ForwardedSignal) => void>();
let signalsInstalled = false;
let exitHookInstalled = false;

/** SIGKILL to every process in the group; a group that is already gone is fine. */
export function killProcessGroup(leader: number): void {
  try {
    process.kill(-leader, "SIGKILL");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** From now until `endProcessGroup`, the group dies with aether. */
export function trackProcessGroup(leader: number): void {
  live.add(leader);
  installHandlers();
}

/** Kills the group (anything the target left behind included) and stops tracking it. */
export function endProcessGroup(leader: number): void {
  killProcessGroup(leader);
  live.delete(leader);
  if (live.size === 0) removeSignalHandlers();
}

export function liveProcessGroups(): number[] {
  return [...live];
}

/**
 * Called once when a signal stops aether while a harness runs, after the
 * groups are killed and before aether exits; for a last line on stderr.
 */
export function onInterrupt(listener: (signal: ForwardedSignal) => void): () => void {
  interruptListeners.add(listener);
  return () => interruptListeners.delete(listener);
}

function killAll(): void {
  for (const leader of live) killProcessGroup(leader);
  live.clear();
}

function handleSignal(signal: ForwardedSignal): void {
  killAll();
  removeSignalHandlers();
  for (const listener of interruptListeners) listener(signal);
  // With our handler gone, the default action applies: aether dies of the same
  // signal, and its parent sees the usual status (130 for Ctrl-C).
  process.kill(process.pid, signal);
}

function installHandlers(): void {
  if (!exitHookInstalled) {
    process.on("exit", killAll);
    exitHookInstalled = true;
  }
  if (signalsInstalled) return;
  for (const signal of FORWARDED_SIGNALS) process.on(signal, handleSignal);
  signalsInstalled = true;
}

function removeSignalHandlers(): void {
  if (!signalsInstalled) return;
  for (const signal of FORWARDED_SIGNALS) process.off(signal, handleSignal);
  signalsInstalled = false;
}
