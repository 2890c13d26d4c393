// A real third-party client: headless Neovim's built-in LSP client (Debian 12's
// neovim, 0.7.2) attaches the server to copies of a fixture, shows the pushed
// diagnostics, and applies code actions through its own
// vim.lsp.buf.code_action() flow. In CI (CI set) nvim must be installed
// (.ci/run installs Debian's neovim); elsewhere the tests skip without it.

import assert from "node:assert/strict";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { findNeovim, runNeovim, type NeovimCaseResult, type NeovimDiagnostic, type NeovimOutput } from "./support/neovim.js";

const FIXTURE = fileURLToPath(new URL("../../../../test-fixtures/language-server/neovim/ticker.py", import.meta.url));
const TEXT = fs.readFileSync(FIXTURE, "utf8");
const LINES = TEXT.replace(/\n$/, "").split("\n");

const RULE = "aether/async-threading-mix";
const FIX = `Fix this ${RULE} problem`;
const DISABLE = `Disable ${RULE} for this line`;
const FIX_ALL = "Fix all auto-fixable Aether problems";

const blocking = (coroutine: string) =>
  `\`time.sleep(…)\` sleeps inside the coroutine \`${coroutine}\`: it blocks the event loop's thread, so every other task on the loop stalls until it returns (and never returns if it waits for one of them). Use \`await asyncio.sleep(…)\`.`;

/** vim.diagnostic.severity: ERROR 1, WARN 2, INFO 3, HINT 4 (the LSP numbers). */
const WARN = 2;

/** `time.sleep(1)` in tick (line 7 of the file) and `time.sleep(2)` in back_off (line 12). */
function finding(coroutine: "tick" | "back_off", severity = WARN): Omit<NeovimDiagnostic, "href"> {
  const lnum = coroutine === "tick" ? 6 : 11;
  return { lnum, col: 4, end_lnum: lnum, end_col: 17, severity, message: blocking(coroutine), source: "aether", code: RULE };
}

function withoutHref(diagnostics: readonly NeovimDiagnostic[] | undefined): Omit<NeovimDiagnostic, "href">[] {
  assert.ok(diagnostics, "no diagnostics recorded");
  return diagnostics.map(({ href: _, ...rest }) => rest);
}

/** The fixture's lines with some replaced (0-based line → new text; an array inserts lines). */
function linesWith(changes: Record<number, string | string[]>): string[] {
  return LINES.flatMap((line, index) => {
    const change = changes[index];
    return change === undefined ? [line] : typeof change === "string" ? [change] : change;
  });
}

describe("Neovim's built-in LSP client (headless nvim)", function () {
  this.timeout(240_000);
  let nvim: string;

  before(function () {
    const found = findNeovim();
    if (found === undefined) {
      const ci = process.env["CI"];
      if (ci !== undefined && ci !== "" && ci !== "false" && ci !== "0") {
        throw new Error("nvim is not on PATH: the Neovim client tests need Debian's neovim package (.ci/run installs it when nvim is missing)");
      }
      console.log("    skipping the Neovim client tests: no nvim on PATH (apt-get install neovim; in CI they must run)");
      this.skip();
    }
    nvim = found;
  });

  describe("with default settings pushed from on_init, as nvim-lspconfig does", () => {
    let run: NeovimOutput;
    const result = (file: string): NeovimCaseResult => {
      const found = run.cases.find((c) => c.file.endsWith(`/${file}`));
      assert.ok(found, `no result for ${file}`);
      return found;
    };

    before(async () => {
      run = await runNeovim(nvim, {
        settingsVia: "didChangeConfiguration",
        cases: [
          { name: "fix.py", fixture: FIXTURE, action: { line: 6, character: 4, title: FIX } },
          { name: "noqa.py", fixture: FIXTURE, action: { line: 6, character: 10, title: DISABLE } },
          { name: "next-line.py", fixture: FIXTURE, action: { line: 11, character: 4, title: DISABLE } },
          { name: "fix-all.py", fixture: FIXTURE, action: { line: 0, character: 0, title: FIX_ALL, only: ["source.fixAll"] } },
        ],
      });
      console.log(`    (Neovim ${run.nvimVersion}, offset encoding ${run.offsetEncoding})`);
    });

    it("receives the pushed diagnostics: position, message, code, severity and source", () => {
      for (const file of ["fix.py", "noqa.py", "next-line.py", "fix-all.py"]) {
        const { diagnostics, lines } = result(file);
        assert.deepEqual(lines, LINES, `${file} as opened`);
        assert.deepEqual(withoutHref(diagnostics), [finding("tick"), finding("back_off")], file);
        for (const d of diagnostics) assert.match(d.href ?? "", /\/docs\/rules\/async-threading-mix\.md$/);
      }
      assert.equal(run.offsetEncoding, "utf-16");
    });

    it("offers the finding's fix (preferred), disable-for-this-line and fix-all at the cursor", () => {
      assert.deepEqual(result("fix.py").offered, [
        { title: FIX, kind: "quickfix", isPreferred: true },
        { title: DISABLE, kind: "quickfix", isPreferred: false },
        { title: FIX_ALL, kind: "source.fixAll.aether", isPreferred: false },
      ]);
    });

    it("applies 'Fix this … problem': await asyncio.sleep, and the server re-lints Neovim's incremental change", () => {
      const fix = result("fix.py");
      assert.deepEqual(fix.linesAfter, linesWith({ 6: "    await asyncio.sleep(1)" }));
      assert.deepEqual(withoutHref(fix.diagnosticsAfter), [finding("back_off")]);
    });

    it("applies 'Disable … for this line' as a trailing # noqa", () => {
      const noqa = result("noqa.py");
      assert.deepEqual(noqa.linesAfter, linesWith({ 6: "    time.sleep(1)  # noqa: async-threading-mix" }));
      assert.deepEqual(withoutHref(noqa.diagnosticsAfter), [finding("back_off")]);
    });

    it("applies 'Disable … for this line' on a line with a comment as # eslint-disable-next-line above it", () => {
      const nextLine = result("next-line.py");
      assert.deepEqual(
        nextLine.linesAfter,
        linesWith({ 11: ["    # eslint-disable-next-line aether/async-threading-mix", "    time.sleep(2)  # wait before retrying"] }),
      );
      assert.deepEqual(withoutHref(nextLine.diagnosticsAfter), [finding("tick")]);
    });

    it("applies source.fixAll.aether (asked for with only = { 'source.fixAll' }) to every finding", () => {
      const fixAll = result("fix-all.py");
      assert.deepEqual(fixAll.offered, [{ title: FIX_ALL, kind: "source.fixAll.aether", isPreferred: false }]);
      assert.deepEqual(
        fixAll.linesAfter,
        linesWith({ 6: "    await asyncio.sleep(1)", 11: "    await asyncio.sleep(2)  # wait before retrying" }),
      );
      assert.deepEqual(fixAll.diagnosticsAfter, []);
    });

    it("shuts the server down cleanly and was never asked for workspace/configuration (0.7 does not advertise it)", () => {
      assert.deepEqual(run.serverExit, { code: 0, signal: 0 });
      assert.equal(run.advertisesConfiguration, false);
      assert.deepEqual(run.configurationRequests, []);
    });
  });

  describe("takes the aether settings each way Neovim can give them", () => {
    const severityRule = (level: string) => ({ severity: { rules: { "async-threading-mix": level } } });
    const opened = async (via: Parameters<typeof runNeovim>[1]["settingsVia"], level: string) =>
      runNeovim(nvim, { settingsVia: via, settings: severityRule(level), cases: [{ name: "ticker.py", fixture: FIXTURE }] });

    it("didChangeConfiguration from on_init, initializationOptions, and workspace/configuration answered from `settings`", async () => {
      // In parallel: each is a Neovim and a server of its own.
      const [pushed, initial, pulled] = await Promise.all([
        opened("didChangeConfiguration", "error"),
        opened("initializationOptions", "information"),
        opened("workspace/configuration", "hint"),
      ]);
      const severities = (run: NeovimOutput) => run.cases[0]!.diagnostics.map((d) => d.severity);
      assert.deepEqual(severities(pushed), [1, 1], "didChangeConfiguration → error");
      assert.deepEqual(severities(initial), [3, 3], "initializationOptions → information");
      assert.deepEqual(severities(pulled), [4, 4], "workspace/configuration → hint");

      assert.deepEqual(pushed.configurationRequests, []);
      assert.deepEqual(initial.configurationRequests, []);
      assert.ok(pulled.advertisesConfiguration);
      assert.ok(pulled.configurationRequests.length >= 1, "the server did not ask for workspace/configuration");
      for (const request of pulled.configurationRequests) {
        assert.deepEqual(
          request.items.map((item) => item.section),
          ["aether"],
        );
        assert.deepEqual(request.answer, [severityRule("hint")]);
      }
    });
  });
});
