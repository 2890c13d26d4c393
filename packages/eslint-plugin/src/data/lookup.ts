// Reading the API tables safely: a table is a plain object, so a name such as
// `constructor` or `toString` (a Python function can be called that) must not
// find Object.prototype's members.

/** The table's own entry for `key`, if any. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string | null | undefined): T | undefined {
  return key !== null && key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * A table without a prototype: indexing it with any Python name (`constructor`,
 * `__proto__`, `toString`) finds only the entries written here.
 */
export function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
