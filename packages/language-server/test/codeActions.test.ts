import assert from "node:assert/strict";
import type { CodeAction } from "vscode-languageserver-protocol";
import { LanguageClient } from "./support/languageClient.js";
import { applyEdits, editsFor, fixtureText, tempProject } from "./support/workspace.js";

const WORKER = fixtureText("worker.py");

describe("code actions over stdio", () => {
  let client: LanguageClient;
  let project: ReturnType<typeof tempProject>;
  let uri: string;

  before(async () => {
    project = tempProject({ "worker.py": WORKER });
    ({ client } = await LanguageClient.start({ rootPath: project.root }));
    uri = project.uri("worker.py");
    await client.open(uri, WORKER);
    await client.diagnosticsFor(uri);
  });

  after(async () => {
    await client.stop();
    project.remove();
  });

  async function actionsAt(line: number, character: number, only?: string[]): Promise<CodeAction[]> {
    const position = { line, character };
    return client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: position, end: position },
      context: { diagnostics: [], ...(only ? { only } : {}) },
    });
  }

  function textAfter(action: CodeAction | undefined): string {
    assert.ok(action, "no such action");
    return applyEdits(WORKER, editsFor(action.edit, uri));
  }

  it("offers a finding's suggestion and disable-for-this-line, in that order, tied to its diagnostic", async () => {
    const actions = await actionsAt(8, 6);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false, a.diagnostics?.map((d) => d.code)]),
      [
        ["Wrap it in `with _lock:`", "quickfix", false, ["aether/non-atomic-update"]],
        ["Disable aether/non-atomic-update for this line", "quickfix", false, ["aether/non-atomic-update"]],
        ["Fix all auto-fixable Aether problems", "source.fixAll.aether", false, undefined],
      ],
    );
  });

  it("the suggestion adds the lock and wraps the update", async () => {
    const [wrap] = await actionsAt(8, 6, ["quickfix"]);
    assert.equal(
      textAfter(wrap),
      WORKER.replace("import time\n", "import time\n\n_lock = threading.Lock()\n\n").replace(
        "    counter += 1  # count one unit of work\n",
        "    with _lock:\n        counter += 1  # count one unit of work\n",
      ),
    );
  });

  it("a rule's autofix is the preferred quick fix", async () => {
    const actions = await actionsAt(12, 4, ["quickfix"]);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred ?? false]), [
      ["Fix this aether/async-threading-mix problem", true],
      ["Disable aether/async-threading-mix for this line", false],
    ]);
    assert.equal(
      textAfter(actions[0]),
      WORKER.replace("import time\n", "import time\nimport asyncio\n").replace("    time.sleep(1)\n", "    await asyncio.sleep(1)\n"),
    );
  });

  it("disable-for-this-line inserts an eslint-disable-next-line comment above a line that already has a comment", async () => {
    const actions = await actionsAt(8, 6, ["quickfix"]);
    assert.equal(
      textAfter(actions.find((a) => a.title.startsWith("Disable"))),
      WORKER.replace(
        "    counter += 1  # count one unit of work\n",
        "    # eslint-disable-next-line aether/non-atomic-update\n    counter += 1  # count one unit of work\n",
      ),
    );
  });

  it("disable-for-this-line appends `# noqa: <id>` to a line without a comment, and the finding goes away", async () => {
    const actions = await actionsAt(12, 4, ["quickfix"]);
    const edited = textAfter(actions.find((a) => a.title.startsWith("Disable")));
    assert.equal(edited, WORKER.replace("    time.sleep(1)\n", "    time.sleep(1)  # noqa: async-threading-mix\n"));
    const other = project.uri("noqa.py");
    await client.open(other, edited);
    const published = await client.diagnosticsFor(other);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ["aether/non-atomic-update"]);
  });

  it("source.fixAll.aether applies every autofix (and no suggestion)", async () => {
    const actions = await actionsAt(0, 0, ["source.fixAll"]);
    assert.deepEqual(actions.map((a) => a.kind), ["source.fixAll.aether"]);
    assert.equal(
      textAfter(actions[0]),
      WORKER.replace("import time\n", "import time\nimport asyncio\n").replace("    time.sleep(1)\n", "    await asyncio.sleep(1)\n"),
    );
  });

  it("no quick fixes away from findings, and no fix-all when nothing is fixable", async () => {
    assert.deepEqual(await actionsAt(0, 0, ["quickfix"]), []);
    const clean = project.uri("clean.py");
    await client.open(clean, "x = 1\n");
    await client.diagnosticsFor(clean);
    const actions = await client.connection.sendRequest<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri: clean },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(actions, []);
  });

  it("an appended noqa never lands inside a multi-line string or after a backslash", async () => {
    const code =
      'import threading\n\ncounter = 0\n\n\ndef work():\n    global counter\n    counter += len("""a\nb""")\n\n\nfor _ in range(4):\n    threading.Thread(target=work).start()\n';
    const other = project.uri("string.py");
    await client.open(other, code);
    const published = await client.diagnosticsFor(other);
    assert.deepEqual(published.diagnostics.map((d) => [d.code, d.range.start.line]), [["aether/non-atomic-update", 7]]);
    const actions = await client.connection.sendRequest<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri: other },
      range: { start: { line: 7, character: 4 }, end: { line: 7, character: 4 } },
      context: { diagnostics: [], only: ["quickfix"] },
    });
    const disable = actions.find((a) => a.title.startsWith("Disable"));
    assert.ok(disable);
    assert.equal(
      applyEdits(code, editsFor(disable.edit, other)),
      code.replace('    counter += len("""a\n', '    # eslint-disable-next-line aether/non-atomic-update\n    counter += len("""a\n'),
    );
  });
});
