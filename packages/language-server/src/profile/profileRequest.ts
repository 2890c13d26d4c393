// From the editor's settings to the runner's request: which interpreter
// (aether.pythonPath, else the runner's own choice), which target, where the
// harness runs, and the measuring settings. The runner checks what it can
// before Python starts; its RunnerUsageError says what is wrong in words
// that name the setting.

import path from "node:path";
import os from "node:os";
import { DEFAULT_PROFILE_SETTINGS, parseTargetSpec, resolvePython, type ProfileSettings, type TargetRequest } from "aether-runner";
import type { ServerSettings } from "../settings.js";

export interface ProfileRun {
  readonly request: TargetRequest;
  readonly settings: ProfileSettings;
}

/**
 * The harness runs in the workspace folder when the file is in it (as
 * `aether profile` would from the project root), else beside the file.
 */
export function harnessFolder(file: string, workspaceFolder: string): string {
  const relative = path.relative(workspaceFolder, file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? path.dirname(file) : workspaceFolder;
}

/** "jobs/cache.py:Cache.refresh": the target as `aether profile` would be given it from the harness's folder. */
export function targetText(file: string, target: string, workspaceFolder: string): string {
  return `${path.relative(harnessFolder(file, workspaceFolder), file)}:${target}`;
}

/** Throws RunnerUsageError for a missing interpreter or file, or a name that is not Python's. */
export function profileRun(file: string, target: string, settings: ServerSettings, workspaceFolder: string, signal: AbortSignal): ProfileRun {
  const cwd = harnessFolder(file, workspaceFolder);
  const python = resolvePython(settings.pythonPath === "" ? undefined : settings.pythonPath, process.env, cwd, undefined, "aether.pythonPath");
  return {
    request: { python, target: parseTargetSpec(targetText(file, target, workspaceFolder), cwd), cwd, signal },
    settings: {
      ...DEFAULT_PROFILE_SETTINGS,
      maxThreads: settings.profile.maxThreads === 0 ? undefined : settings.profile.maxThreads,
      durationSeconds: settings.profile.duration,
      maxThreadsName: "aether.profile.maxThreads",
    },
  };
}

/** aether.profile.reportFolder, relative to the workspace folder; by default one under the system's temp directory. */
export function reportFolder(settings: ServerSettings, workspaceFolder: string): string {
  const folder = settings.profile.reportFolder;
  return folder === "" ? path.join(os.tmpdir(), "aether-reports") : path.resolve(workspaceFolder, folder);
}
