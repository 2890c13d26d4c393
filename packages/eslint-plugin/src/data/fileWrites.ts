// File writes as data: the calls that open a file (and where their path and
// mode sit), the path methods that write a whole file, the calls that write an
// object through a file handle, and the calls that build a path without
// depending on which thread runs them.

export interface Opener {
  /** Position of the path argument. */
  path: number;
  /** Position and keyword of the mode argument, and the mode when it is absent. */
  modePosition: number;
  defaultMode: string;
}

/** Calls (by qualified name) that open a file. */
export const fileOpeners: Readonly<Record<string, Opener>> = {
  "builtins.open": { path: 0, modePosition: 1, defaultMode: "r" },
  "io.open": { path: 0, modePosition: 1, defaultMode: "r" },
  "codecs.open": { path: 0, modePosition: 1, defaultMode: "r" },
  "gzip.open": { path: 0, modePosition: 1, defaultMode: "rb" },
  "bz2.open": { path: 0, modePosition: 1, defaultMode: "rb" },
  "lzma.open": { path: 0, modePosition: 1, defaultMode: "rb" },
};

/** `Path.open(mode)`: the mode is the first argument. */
export const PATH_OPEN: Opener = { path: -1, modePosition: 0, defaultMode: "r" };

/** `pathlib` methods that write a whole file in one call. */
export const pathWriteMethods = new Set(["write_text", "write_bytes"]);

/** Constructors of path objects. */
export const pathConstructors = new Set([
  "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.WindowsPath", "pathlib.PurePosixPath", "pathlib.PureWindowsPath",
]);

/** Calls that serialise an object through a file handle (many writes): the handle's position. */
export const handleWriters: Readonly<Record<string, number>> = {
  "json.dump": 1,
  "pickle.dump": 1,
  "marshal.dump": 1,
  "yaml.dump": 1,
  "yaml.safe_dump": 1,
  "tomli_w.dump": 1,
};

/** Methods that write through a file handle. */
export const handleWriteMethods = new Set(["write", "writelines"]);

/** Calls that derive a path from their arguments alone: a path built from fixed parts stays fixed. */
export const pathBuilders = new Set([
  "os.path.join", "os.path.expanduser", "os.path.expandvars", "os.path.abspath", "os.path.realpath", "os.path.normpath",
  "os.path.dirname", "os.fspath", "builtins.str", ...pathConstructors,
]);

/** Methods of paths and strings that keep a fixed path fixed. */
export const pathMethods = new Set([
  "joinpath", "with_suffix", "with_name", "with_stem", "resolve", "expanduser", "absolute", "format", "replace", "lower",
]);
