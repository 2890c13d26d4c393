// sqlite3 as data: what makes a connection, which methods of a connection or
// cursor hand out a cursor (FREE_THREADING_FACTS.md §10).

/** Calls (by qualified name) that open a connection. */
export const sqliteConnectors = new Set(["sqlite3.connect", "sqlite3.Connection", "sqlite3.dbapi2.connect"]);

/** Methods of a connection (or cursor) that return a cursor. */
export const cursorMethods = new Set(["cursor", "execute", "executemany", "executescript"]);

/** The keyword that lets a connection be used from threads other than its creator. */
export const CHECK_SAME_THREAD = "check_same_thread";
