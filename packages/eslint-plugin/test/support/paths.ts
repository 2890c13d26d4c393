// Locations the tests read from.
import { fileURLToPath } from "node:url";

/** The repository's `test-fixtures/` folder (tests run from dist/test/…). */
export const fixturesDir = fileURLToPath(new URL("../../../../../test-fixtures/", import.meta.url));
