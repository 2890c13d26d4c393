// JSON text for AST values, which JSON.stringify cannot write faithfully:
// integers beyond 2^53 (bigints) are written as exact digits, and an infinite
// float (`1e999` in Python) as 1e999, which JSON parsers in JavaScript and Python
// both read back as infinity.

type Style = { readonly kind: "compact" } | { readonly kind: "inline" } | { readonly kind: "pretty"; readonly indent: string };

/** Pretty output keeps small leaves (`loc`, lists of names) on one line up to this length. */
const INLINE_LENGTH = 100;

/** One line when `indent` is undefined, else pretty-printed starting at that indent. */
export function toJsonText(value: unknown, indent?: string): string {
  return write(value, indent === undefined ? { kind: "compact" } : { kind: "pretty", indent });
}

function write(value: unknown, style: Style): string {
  if (value === null || typeof value !== "object") return scalarText(value);
  if (style.kind === "pretty" && isShallow(value, 2)) {
    const inline = write(value, { kind: "inline" });
    if (inline.length <= INLINE_LENGTH) return inline;
  }
  const isArray = Array.isArray(value);
  const entries: Array<[key: string | undefined, entry: unknown]> = isArray
    ? value.map((entry: unknown) => [undefined, entry])
    : Object.entries(value).filter(([, entry]) => entry !== undefined && typeof entry !== "function");
  const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) return open + close;

  const childStyle: Style = style.kind === "pretty" ? { kind: "pretty", indent: `${style.indent}  ` } : style;
  const colon = style.kind === "compact" ? ":" : ": ";
  const items = entries.map(([key, entry]) => (key === undefined ? "" : JSON.stringify(key) + colon) + write(entry, childStyle));
  if (childStyle.kind === "pretty" && style.kind === "pretty") {
    return `${open}\n${childStyle.indent}${items.join(`,\n${childStyle.indent}`)}\n${style.indent}${close}`;
  }
  return open + items.join(style.kind === "compact" ? "," : ", ") + close;
}

function scalarText(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && !Number.isFinite(value)) {
    return Number.isNaN(value) ? "null" : value > 0 ? "1e999" : "-1e999";
  }
  return JSON.stringify(value) ?? "null";
}

/** At most `depth` levels of nesting; keeps the inlining test cheap on deep trees. */
function isShallow(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== "object") return true;
  return depth > 0 && Object.values(value).every((entry) => isShallow(entry, depth - 1));
}
