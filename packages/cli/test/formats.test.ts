import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { formatGithub } from "../src/formats/github.js";
import { formatJson } from "../src/formats/json.js";
import { formatSarif } from "../src/formats/sarif.js";
import { formatStylish } from "../src/formats/stylish.js";
import { finding, lintResult, parseError, report, warning } from "./helpers/lintResults.js";

const cwd = path.resolve("/project");
const app = path.join(cwd, "src", "app.py");
const broken = path.join(cwd, "broken.py");
const clean = path.join(cwd, "clean.py");
const outside = path.resolve("/elsewhere/x.py");
const results = [lintResult(app, [finding, warning]), lintResult(broken, [parseError]), lintResult(clean, [])];

describe("stylish format", () => {
  it("groups by file with aligned position, severity, risk, message and rule, then a summary", () => {
    assert.equal(
      formatStylish(report(cwd, results)),
      [
        path.join("src", "app.py"),
        "   2:1  error    0.90  ctypes.pythonapi.PyGILState_Ensure assumes the GIL.           aether/c-api-misuse",
        '  10:5  warning  0.51  Shared "counter", updated: here, without a lock. Second line  aether/other-rule',
        "",
        "broken.py",
        "  3:7  error  Parsing error: invalid syntax",
        "",
        "✖ 3 problems (2 errors, 1 warning)",
      ].join("\n"),
    );
  });

  it("says so when there is nothing to report", () => {
    assert.equal(formatStylish(report(cwd, [lintResult(clean, [])])), "✔ No problems found in 1 file.");
    assert.equal(formatStylish(report(cwd, [])), "✔ No problems found in 0 files.");
  });

  it("counts fixable problems", () => {
    const fixable = { ...finding, fix: { range: [0, 1] as [number, number], text: "" } };
    assert.equal(
      formatStylish(report(cwd, [lintResult(app, [fixable])])).split("\n").slice(-2).join("\n"),
      "✖ 1 problem (1 error, 0 warnings)\n  1 error and 0 warnings potentially fixable with the `--fix` option.",
    );
  });
});

describe("json format", () => {
  it("is ESLint's array of results, messages carrying risk", () => {
    const parsed = JSON.parse(formatJson(report(cwd, results)));
    assert.deepEqual(parsed, JSON.parse(JSON.stringify(results)));
    assert.equal(parsed[0].messages[0].risk, 0.9);
    assert.equal(parsed[0].messages[0].ruleId, "aether/c-api-misuse");
    assert.equal("risk" in parsed[1].messages[0], false);
  });
});

describe("sarif format", () => {
  const sarif = JSON.parse(formatSarif(report(cwd, [...results, lintResult(outside, [finding])])));
  const run = sarif.runs[0];

  it("is SARIF 2.1.0 from the aether driver", () => {
    assert.equal(sarif.version, "2.1.0");
    assert.equal(sarif.$schema, "https://json.schemastore.org/sarif-2.1.0.json");
    assert.equal(sarif.runs.length, 1);
    assert.equal(run.tool.driver.name, "aether");
    assert.equal(run.tool.driver.version, "0.1.0");
    assert.equal(run.columnKind, "utf16CodeUnits");
  });

  it("lists every rule with its description, help, risk and category", () => {
    assert.deepEqual(run.tool.driver.rules, [
      {
        id: "aether/c-api-misuse",
        shortDescription: { text: "C-API use that assumes the GIL" },
        helpUri: "https://example.test/c-api-misuse",
        properties: { risk: 0.9, category: "crash", tags: ["crash"] },
      },
      {
        id: "aether/other-rule",
        shortDescription: { text: "Another rule" },
        properties: { risk: 0.85, category: "race", tags: ["race"] },
      },
    ]);
  });

  it("gives each finding a rule, level, message, 1-based region and risk", () => {
    assert.deepEqual(run.results[0], {
      ruleId: "aether/c-api-misuse",
      ruleIndex: 0,
      level: "error",
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "src/app.py", uriBaseId: "%SRCROOT%" },
            region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 35 },
          },
        },
      ],
      properties: { risk: 0.9 },
    });
    assert.equal(run.results[1].level, "warning");
    assert.equal(run.results[1].ruleIndex, 1);
    assert.deepEqual(run.results[2].locations[0].physicalLocation.artifactLocation, { uri: pathToFileURL(outside).href });
    assert.equal(run.results.length, 3);
    assert.equal(run.originalUriBaseIds["%SRCROOT%"].uri, `${pathToFileURL(cwd).href}/`);
  });

  it("reports parse errors as tool notifications, not as rule results", () => {
    assert.deepEqual(run.invocations, [
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: "error",
            message: { text: "Parsing error: invalid syntax" },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: "broken.py", uriBaseId: "%SRCROOT%" },
                  region: { startLine: 3, startColumn: 7 },
                },
              },
            ],
          },
        ],
      },
    ]);
  });
});

describe("github format", () => {
  it("writes one workflow annotation per message, escaping what GitHub decodes", () => {
    assert.equal(
      formatGithub(report(cwd, results)),
      [
        "::error file=src/app.py,line=2,col=1,endLine=2,endColumn=35,title=aether/c-api-misuse::ctypes.pythonapi.PyGILState_Ensure assumes the GIL.",
        '::warning file=src/app.py,line=10,col=5,endLine=10,endColumn=17,title=aether/other-rule::Shared "counter", updated: here, without a lock.%0ASecond line',
        "::error file=broken.py,line=3,col=7,title=aether::Parsing error: invalid syntax",
      ].join("\n"),
    );
  });

  it("prints nothing for a clean run", () => {
    assert.equal(formatGithub(report(cwd, [lintResult(clean, [])])), "");
  });
});
