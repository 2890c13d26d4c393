// The interpreter the Python extension (ms-python.python) has selected, offered to the server as
// `aether.pythonPath` when the user left that setting empty.
//
// The Python extension is optional (no extensionDependencies): it may be absent, not yet active, or
// expose a different API in some version, so every step is guarded and "no answer" is always allowed —
// the server then finds an interpreter itself. Only types come from `vscode`, so this file runs
// (and is tested) outside the editor.
import type { Disposable, Extension } from "vscode";

export const PYTHON_EXTENSION_ID = "ms-python.python";

/** The part of the Python extension's API used here (`environments` of `@vscode/python-extension`). */
interface PythonEnvironmentsApi {
  getActiveEnvironmentPath(resource?: unknown): { path?: unknown } | undefined;
  onDidChangeActiveEnvironmentPath?: (listener: () => void) => Disposable;
}

/** The active interpreter for `resource` (a file or folder Uri), or undefined when it cannot be known. */
export async function activeInterpreterPath(
  extension: Extension<unknown> | undefined,
  resource: unknown,
): Promise<string | undefined> {
  const environments = await environmentsApi(extension);
  if (!environments) return undefined;
  try {
    const path = environments.getActiveEnvironmentPath(resource)?.path;
    return typeof path === "string" && path !== "" ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls `listener` whenever the user picks another interpreter, so the server can ask for its
 * settings again. Undefined when the extension offers no such event.
 */
export async function onInterpreterChange(
  extension: Extension<unknown> | undefined,
  listener: () => void,
): Promise<Disposable | undefined> {
  const environments = await environmentsApi(extension);
  try {
    return environments?.onDidChangeActiveEnvironmentPath?.(listener);
  } catch {
    return undefined;
  }
}

/**
 * Answers to a `workspace/configuration` request, with `pythonPath` filled into each `aether` section
 * whose `pythonPath` is empty. `interpreterFor` receives the item's `scopeUri`.
 */
export async function withInterpreterPaths(
  items: readonly { section?: string; scopeUri?: string }[],
  answers: unknown[],
  interpreterFor: (scopeUri: string | undefined) => Promise<string | undefined>,
): Promise<unknown[]> {
  return Promise.all(
    answers.map(async (answer, index) => {
      const item = items[index];
      if (item?.section !== "aether" || !isRecord(answer) || !isEmpty(answer.pythonPath)) return answer;
      const pythonPath = await interpreterFor(item.scopeUri);
      return pythonPath === undefined ? answer : { ...answer, pythonPath };
    }),
  );
}

async function environmentsApi(extension: Extension<unknown> | undefined): Promise<PythonEnvironmentsApi | undefined> {
  if (!extension) return undefined;
  try {
    const api: unknown = extension.isActive ? extension.exports : await extension.activate();
    const environments = isRecord(api) ? api.environments : undefined;
    return isRecord(environments) && typeof environments.getActiveEnvironmentPath === "function"
      ? (environments as unknown as PythonEnvironmentsApi)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Unset, or blank as the server reads it (it trims the setting). */
function isEmpty(setting: unknown): boolean {
  return setting === undefined || setting === null || (typeof setting === "string" && setting.trim() === "");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
