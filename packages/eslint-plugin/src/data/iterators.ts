// Iterators as data: the calls that make a one-pass iterator (one object that
// several threads would consume together, skipping or repeating items), and
// the calls that consume one. Generators are the worst case: sharing one
// can crash 3.13t/3.14t builds (FREE_THREADING_FACTS.md §2).

export type IteratorKind = "iterator" | "generator" | "counter";

/** Calls (by qualified name) that return an iterator, and what kind. */
export const iteratorConstructors: Readonly<Record<string, IteratorKind>> = {
  "builtins.iter": "iterator",
  "builtins.reversed": "iterator",
  "builtins.enumerate": "iterator",
  "builtins.zip": "iterator",
  "builtins.map": "iterator",
  "builtins.filter": "iterator",
  // File objects are iterators over their lines.
  "builtins.open": "iterator",
  "io.open": "iterator",
  "codecs.open": "iterator",
  "gzip.open": "iterator",
  "bz2.open": "iterator",
  "lzma.open": "iterator",
  "csv.reader": "iterator",
  "csv.DictReader": "iterator",
  "os.scandir": "iterator",
  "re.finditer": "iterator",
  // `next()` on a shared count is thread-safe from 3.13 (gh-117657).
  "itertools.count": "counter",
  "itertools.cycle": "iterator",
  "itertools.chain": "iterator",
  "itertools.chain.from_iterable": "iterator",
  "itertools.islice": "iterator",
  "itertools.accumulate": "iterator",
  "itertools.batched": "iterator",
  "itertools.compress": "iterator",
  "itertools.dropwhile": "iterator",
  "itertools.takewhile": "iterator",
  "itertools.filterfalse": "iterator",
  "itertools.groupby": "iterator",
  "itertools.pairwise": "iterator",
  "itertools.starmap": "iterator",
  "itertools.zip_longest": "iterator",
  "itertools.product": "iterator",
  "itertools.permutations": "iterator",
  "itertools.combinations": "iterator",
  "itertools.combinations_with_replacement": "iterator",
  // Generator functions of the standard library.
  "os.walk": "generator",
  "glob.iglob": "generator",
};

/** The first Python version whose `next()` on a shared `itertools.count` is thread-safe. */
export const COUNTER_SAFE_FROM_MINOR = 13;

/** The first Python version that fixed the free-threaded crash of a shared generator (gh-120321, 3.15 only). */
export const GENERATOR_CRASH_FIXED_MINOR = 15;

/** Builtins (by name) that drain an iterator passed as their first argument. */
export const consumingCalls = new Set([
  "next", "list", "tuple", "set", "frozenset", "sorted", "dict", "sum", "min", "max", "any", "all",
]);

/** Methods that take the next item(s) from an iterator, generator or file. */
export const consumingMethods = new Set(["__next__", "send", "readline", "readlines"]);
