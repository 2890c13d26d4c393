// `#` comments as ESLint sees them: the node inline-config directives hang on.
import type { SourceLocation } from "./nodes.js";

export interface Comment {
  type: "Comment";
  /** The text after `#`. */
  value: string;
  range: [number, number];
  loc: SourceLocation;
}
