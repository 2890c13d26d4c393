import assert from "node:assert/strict";
import { REPORT_CSP, withReportCsp } from "../src/reportHtml.js";

const META = `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`;

describe("withReportCsp", () => {
  it("allows inline styles and data: images, and nothing else", () => {
    assert.equal(REPORT_CSP, "default-src 'none'; style-src 'unsafe-inline'; img-src data:;");
  });

  it("puts the policy first in the report's <head>", () => {
    const report = '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<style>p{}</style>\n</head>\n<body><svg></svg></body>\n</html>\n';
    assert.equal(
      withReportCsp(report),
      `<!DOCTYPE html>\n<html lang="en">\n<head>${META}\n<meta charset="utf-8">\n<style>p{}</style>\n</head>\n<body><svg></svg></body>\n</html>\n`,
    );
  });

  it("finds a <head> with attributes, in any case", () => {
    assert.equal(withReportCsp('<HEAD profile="x"><title>t</title></HEAD>'), `<HEAD profile="x">${META}<title>t</title></HEAD>`);
  });

  it("does not take <header> for <head>", () => {
    assert.equal(withReportCsp("<html><body><header>h</header></body></html>"), `<html><head>${META}</head><body><header>h</header></body></html>`);
  });

  it("wraps a fragment in a document", () => {
    assert.equal(
      withReportCsp("<p>fragment</p>"),
      `<!DOCTYPE html>\n<html>\n<head>${META}</head>\n<body>\n<p>fragment</p>\n</body>\n</html>\n`,
    );
  });
});
