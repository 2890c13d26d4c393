// Shows the server's profile reports (`aether/showReport`) in a webview panel beside the code, so a
// "Profile this function" click ends in the editor rather than in an external browser.
import { readFile } from "node:fs/promises";
import * as vscode from "vscode";
import { withReportCsp } from "./reportHtml.js";

/** Params of the `aether/showReport` notification: an HTML file the server wrote, and its title. */
export interface ShowReportParams {
  reportPath: string;
  title: string;
}

export const SHOW_REPORT_NOTIFICATION = "aether/showReport";

/**
 * One panel per title ("Profile of app.py:work"): each run writes a new report file, and profiling the
 * same function again refreshes its panel instead of stacking a new one.
 */
const panels = new Map<string, vscode.WebviewPanel>();

export async function showReport({ reportPath, title }: ShowReportParams): Promise<void> {
  let html: string;
  try {
    html = await readFile(reportPath, "utf8");
  } catch (error) {
    void vscode.window.showErrorMessage(`Aether could not open the report ${reportPath}: ${(error as Error).message}`);
    return;
  }
  const panel = panels.get(title) ?? openPanel(title);
  panel.webview.html = withReportCsp(html);
  panel.reveal(undefined, true);
}

function openPanel(title: string): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(
    "aether.report",
    title,
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
    // The report needs nothing from disk and runs no script.
    { enableScripts: false, localResourceRoots: [] },
  );
  panels.set(title, panel);
  panel.onDidDispose(() => panels.delete(title));
  return panel;
}
