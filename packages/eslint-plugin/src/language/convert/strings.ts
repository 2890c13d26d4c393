// String literals: implicit concatenation, prefixes, escapes and f-strings
// → one `Constant` or one `JoinedStr` (or `TemplateStr` for 3.14 t-strings),
// as CPython builds them.
//
// Positions of the pieces inside a JoinedStr follow CPython ≥ 3.12 (PEP 701):
// a literal part spans its own text, a `FormattedValue` its `{…}`. (CPython
// ≤ 3.11 gave every part the position of the whole string.)
import type { Cst } from "../cst.js";
import type { PyNode } from "../nodes.js";
import type { AstBuilder} from "./builder.js";
import { PySyntaxError, field } from "./builder.js";
import { expr } from "./expressions.js";

interface Prefix {
  raw: boolean;
  bytes: boolean;
  formatted: boolean;
  template: boolean;
  unicode: boolean;
}

type Piece = { literal: string; start: number; end: number } | { value: PyNode };

export function convertStrings(b: AstBuilder, whole: Cst, parts: Cst[]): PyNode {
  const prefixes = parts.map((part) => readPrefix(b, part));
  const anyBytes = prefixes.some((p) => p.bytes);
  if (anyBytes && !prefixes.every((p) => p.bytes)) {
    throw new PySyntaxError("cannot mix bytes and nonbytes literals", whole.start);
  }
  const template = prefixes.some((p) => p.template);
  const formatted = template || prefixes.some((p) => p.formatted);
  const pieces: Piece[] = [];
  parts.forEach((part, i) => pieces.push(...readPieces(b, part, prefixes[i]!)));
  if (!formatted) {
    const text = pieces.map((p) => ("literal" in p ? p.literal : "")).join("");
    const kind = prefixes[0]!.unicode ? "u" : null;
    return b.from("Constant", whole, { value: anyBytes ? { bytes: text } : text, kind });
  }
  return b.from(template ? "TemplateStr" : "JoinedStr", whole, { values: joinPieces(b, pieces) });
}

/** Adjacent literal pieces merge into one Constant, as in CPython; empty ones vanish. */
function joinPieces(b: AstBuilder, pieces: Piece[]): PyNode[] {
  const values: PyNode[] = [];
  let pending: { text: string; start: number; end: number } | null = null;
  const flush = () => {
    if (pending?.text) values.push(b.node("Constant", pending.start, pending.end, { value: pending.text, kind: null }));
    pending = null;
  };
  for (const piece of pieces) {
    if ("literal" in piece) {
      if (!piece.literal) continue;
      if (pending) {
        pending.text += piece.literal;
        pending.end = piece.end;
      } else pending = { text: piece.literal, start: piece.start, end: piece.end };
    } else {
      flush();
      values.push(piece.value);
    }
  }
  flush();
  return values;
}

function readPrefix(b: AstBuilder, part: Cst): Prefix {
  const start = part.children[0];
  const letters = start ? b.textOf(start).replace(/['"]+$/, "").toLowerCase() : "";
  return {
    raw: letters.includes("r"),
    bytes: letters.includes("b"),
    formatted: letters.includes("f"),
    template: letters.includes("t"),
    unicode: letters.includes("u"),
  };
}

function readPieces(b: AstBuilder, part: Cst, prefix: Prefix): Piece[] {
  const open = part.children[0];
  const close = part.children[part.children.length - 1];
  if (!open || !close || open.type !== "string_start" || close.type !== "string_end") {
    throw new PySyntaxError("unterminated string literal", part.start);
  }
  if (!prefix.formatted && !prefix.template) {
    // A plain part of a concatenation counts as one piece, quotes and all.
    return [{ literal: decode(b.text.slice(open.end, close.start), prefix), start: part.start, end: part.end }];
  }
  return fieldsAndLiterals(b, part, "interpolation", open.end, close.start, prefix);
}

/**
 * The pieces of [from, to) in `container`: literal runs between the `{…}`
 * fields (children of type `fieldType`), and the fields themselves. Reading
 * the gaps from the source (rather than string_content nodes) keeps every byte.
 */
function fieldsAndLiterals(b: AstBuilder, container: Cst, fieldType: string, from: number, to: number, prefix: Prefix): Piece[] {
  const pieces: Piece[] = [];
  let cursor = from;
  for (const child of container.children) {
    if (child.type !== fieldType) continue;
    pieces.push({ literal: decode(b.text.slice(cursor, child.start), prefix), start: cursor, end: child.start });
    pieces.push(...interpolation(b, child, prefix));
    cursor = child.end;
  }
  pieces.push({ literal: decode(b.text.slice(cursor, to), prefix), start: cursor, end: to });
  return pieces;
}

/** One `{…}` field: the FormattedValue, preceded by the literal `x=` text of a debug field. */
function interpolation(b: AstBuilder, cst: Cst, prefix: Prefix): Piece[] {
  if (!prefix.formatted && !prefix.template) {
    throw new PySyntaxError("invalid syntax", cst.start);
  }
  const expression = field(cst, "expression");
  if (!expression) throw new PySyntaxError("f-string: empty expression not allowed", cst.start);
  const value = expr(b, expression);
  const conversionCst = field(cst, "type_conversion");
  const conversionLetter = conversionCst ? b.textOf(conversionCst).slice(1) : "";
  const specCst = field(cst, "format_specifier");
  const formatSpec = specCst ? formatSpecifier(b, specCst, prefix) : null;
  const equals = cst.children.find((c) => !c.named && c.type === "=");
  let conversion = conversionLetter ? conversionLetter.charCodeAt(0) : -1;
  // `f"{x=}"` shows repr(x) unless a conversion or format spec says otherwise.
  if (equals && conversion === -1 && !formatSpec) conversion = "r".charCodeAt(0);
  const node = prefix.template
    ? b.from("Interpolation", cst, { value, str: b.textOf(expression), conversion, format_spec: formatSpec })
    : b.from("FormattedValue", cst, { value, conversion, format_spec: formatSpec });
  if (!equals) return [{ value: node }];
  return [{ literal: b.text.slice(cst.start + 1, equals.end), start: cst.start + 1, end: equals.end }, { value: node }];
}

function formatSpecifier(b: AstBuilder, cst: Cst, prefix: Prefix): PyNode {
  // The spec starts after its ':'; nested fields are format_expressions.
  const start = cst.start + 1;
  const pieces = fieldsAndLiterals(b, cst, "format_expression", start, cst.end, prefix);
  return b.node("JoinedStr", start, cst.end, { values: joinPieces(b, pieces) });
}

const simpleEscapes: Readonly<Record<string, string>> = {
  "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v",
};

/** Decodes backslash escapes (and `{{`/`}}` in f-strings) as CPython does. */
export function decode(source: string, prefix: Prefix): string {
  let text = source;
  if (prefix.formatted || prefix.template) text = text.replace(/\{\{/g, "{").replace(/\}\}/g, "}");
  // Line endings inside literals are normalised to \n by the tokenizer.
  text = text.replace(/\r\n?/g, "\n");
  if (prefix.raw || !text.includes("\\")) return text;
  return text.replace(
    /\\(\n|[\\'"abfnrtv]|[0-7]{1,3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\})?/g,
    (match, escape: string | undefined) => {
      if (escape === undefined) return match;
      if (escape === "\n") return "";
      const simple = simpleEscapes[escape];
      if (simple !== undefined) return simple;
      const head = escape[0]!;
      if (head >= "0" && head <= "7") return String.fromCharCode(parseInt(escape, 8));
      if (head === "x") return String.fromCharCode(parseInt(escape.slice(1), 16));
      if (prefix.bytes) return match; // \u, \U and \N are not escapes in bytes
      if (head === "u" || head === "U") {
        const code = parseInt(escape.slice(1), 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : match;
      }
      // \N{NAME} needs the Unicode name database, which JavaScript does not
      // ship; the escape is kept as written.
      return match;
    },
  );
}
