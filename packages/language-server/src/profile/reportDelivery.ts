// Putting a written report in front of the user, the best way the client
// allows: the VS Code extension shows it in its own view (`aether/showReport`);
// another client that can open documents gets the file handed to the
// system's browser (`window/showDocument`, external); otherwise the caller
// names the path in its message.

import { pathToFileURL } from "node:url";
import type { ServerContext } from "../server.js";

export const SHOW_REPORT_NOTIFICATION = "aether/showReport";

export interface ShowReportParams {
  readonly reportPath: string;
  readonly title: string;
}

/** Whether the report was shown (false: only its path can be given). */
export async function deliverReport(context: ServerContext, report: ShowReportParams): Promise<boolean> {
  if (context.options.reportView) {
    await context.connection.sendNotification(SHOW_REPORT_NOTIFICATION, report);
    return true;
  }
  if (context.capabilities.window?.showDocument?.support !== true) return false;
  try {
    const { success } = await context.connection.window.showDocument({ uri: pathToFileURL(report.reportPath).href, external: true });
    return success;
  } catch {
    return false;
  }
}
