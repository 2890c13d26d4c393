import assert from "node:assert/strict";
import type { Disposable, Extension } from "vscode";
import { activeInterpreterPath, onInterpreterChange, withInterpreterPaths } from "../src/pythonInterpreter.js";

/** A stand-in for `vscode.extensions.getExtension("ms-python.python")`: only what the lookup touches. */
function fakeExtension(api: unknown, options: { active?: boolean; activationError?: Error } = {}) {
  const extension = {
    isActive: options.active ?? true,
    exports: options.active === false ? undefined : api,
    activations: 0,
    activate: async () => {
      extension.activations += 1;
      if (options.activationError) throw options.activationError;
      return api;
    },
  };
  return extension as typeof extension & Extension<unknown>;
}

function environmentsApi(paths: Record<string, string>, listeners: (() => void)[] = []) {
  return {
    environments: {
      getActiveEnvironmentPath: (resource?: unknown) => ({ id: "env", path: paths[String(resource)] ?? paths["*"] }),
      onDidChangeActiveEnvironmentPath: (listener: () => void): Disposable => {
        listeners.push(listener);
        return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
      },
    },
  };
}

describe("activeInterpreterPath", () => {
  it("asks the Python extension for the resource's active interpreter", async () => {
    const extension = fakeExtension(environmentsApi({ "file:///a": "/venvs/a/bin/python", "*": "/usr/bin/python3" }));
    assert.equal(await activeInterpreterPath(extension, "file:///a"), "/venvs/a/bin/python");
    assert.equal(await activeInterpreterPath(extension, undefined), "/usr/bin/python3");
    assert.equal(extension.activations, 0);
  });

  it("activates the Python extension when it is not active yet", async () => {
    const extension = fakeExtension(environmentsApi({ "*": "/usr/bin/python3.14t" }), { active: false });
    assert.equal(await activeInterpreterPath(extension, undefined), "/usr/bin/python3.14t");
    assert.equal(extension.activations, 1);
  });

  it("has no answer without the extension, with another API, or when the API fails", async () => {
    const throwing = { environments: { getActiveEnvironmentPath: () => { throw new Error("no environment"); } } };
    for (const extension of [
      undefined,
      fakeExtension(undefined),
      fakeExtension({ settings: {} }),
      fakeExtension({ environments: { getActiveEnvironmentPath: "not a function" } }),
      fakeExtension({ environments: { getActiveEnvironmentPath: () => ({ id: "x" }) } }),
      fakeExtension(environmentsApi({ "*": "" })),
      fakeExtension(throwing),
      fakeExtension(environmentsApi({ "*": "/usr/bin/python3" }), { active: false, activationError: new Error("failed") }),
    ]) {
      assert.equal(await activeInterpreterPath(extension, undefined), undefined);
    }
  });
});

describe("onInterpreterChange", () => {
  it("subscribes to the Python extension's interpreter changes", async () => {
    const listeners: (() => void)[] = [];
    let changes = 0;
    const subscription = await onInterpreterChange(fakeExtension(environmentsApi({}, listeners)), () => (changes += 1));
    listeners.forEach((listener) => listener());
    assert.equal(changes, 1);
    subscription?.dispose();
    assert.deepEqual(listeners, []);
  });

  it("is undefined when there is nothing to subscribe to", async () => {
    assert.equal(await onInterpreterChange(undefined, () => undefined), undefined);
    const noEvent = fakeExtension({ environments: { getActiveEnvironmentPath: () => undefined } });
    assert.equal(await onInterpreterChange(noEvent, () => undefined), undefined);
  });
});

describe("withInterpreterPaths", () => {
  const interpreterFor = async (scopeUri: string | undefined) => (scopeUri === "file:///none" ? undefined : `python for ${scopeUri}`);

  it("fills an empty or blank pythonPath in each aether section, for that section's scope", async () => {
    const items = [
      { section: "aether", scopeUri: "file:///a.py" },
      { section: "aether", scopeUri: "file:///b.py" },
      { section: "aether" },
    ];
    const answers = [{ enable: true, pythonPath: "" }, { pythonPath: "  " }, {}];
    assert.deepEqual(await withInterpreterPaths(items, answers, interpreterFor), [
      { enable: true, pythonPath: "python for file:///a.py" },
      { pythonPath: "python for file:///b.py" },
      { pythonPath: "python for undefined" },
    ]);
  });

  it("keeps the user's pythonPath, other sections, odd answers and unknown interpreters as they are", async () => {
    const items = [
      { section: "aether", scopeUri: "file:///a.py" },
      { section: "python", scopeUri: "file:///a.py" },
      { section: "aether" },
      { section: "aether", scopeUri: "file:///none" },
    ];
    const answers = [{ pythonPath: "/opt/python3.14t" }, { pythonPath: "" }, null, { pythonPath: "" }];
    assert.deepEqual(await withInterpreterPaths(items, answers, interpreterFor), answers);
  });
});
