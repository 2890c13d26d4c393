// The HTML a report webview shows: the report file as the runner wrote it, locked down by a
// Content-Security-Policy. Reports are self-contained (inline CSS, inline SVG charts, no script), so
// the policy allows inline styles and `data:` images and nothing else: no script, no fetch, no frame.
// Pure string work, kept apart from the webview so it runs (and is tested) outside the editor.

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:;";

const CSP_META = `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`;

/**
 * `html` with the policy as the first element of its `<head>`. A document without `<head>` gets one,
 * and a fragment is wrapped in a document, so the policy always precedes any content it governs.
 */
export function withReportCsp(html: string): string {
  const head = /<head\b[^>]*>/i.exec(html);
  if (head) return insertAt(html, head.index + head[0].length, CSP_META);
  const root = /<html\b[^>]*>/i.exec(html);
  if (root) return insertAt(html, root.index + root[0].length, `<head>${CSP_META}</head>`);
  return `<!DOCTYPE html>\n<html>\n<head>${CSP_META}</head>\n<body>\n${html}\n</body>\n</html>\n`;
}

function insertAt(text: string, offset: number, insertion: string): string {
  return text.slice(0, offset) + insertion + text.slice(offset);
}
