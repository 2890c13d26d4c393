// A profile's HTML report as a file of its own: every run writes a new one
// (named after the file, the function and the time), so a report a browser
// tab still shows is never overwritten by the next run.

import fs from "node:fs";
import path from "node:path";

/** Writes `html` under `folder` and returns the file's path; throws if the folder cannot be written. */
export function writeReport(html: string, folder: string, file: string, target: string, now = new Date()): string {
  fs.mkdirSync(folder, { recursive: true });
  const stamp = now.toISOString().replace(/\..*$/, "").replace(/[-:]/g, "").replace("T", "-");
  const stem = `${path.basename(file, ".py")}.${target}-${stamp}`;
  for (let copy = 1; ; copy++) {
    const report = path.join(folder, `${stem}${copy === 1 ? "" : `-${copy}`}.html`);
    try {
      // "wx": fail rather than replace, if a run in the same second got there first.
      fs.writeFileSync(report, html, { flag: "wx" });
      return report;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}
