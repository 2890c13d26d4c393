// Where the Python harness is: shipped next to dist/ in the package's python/ folder.

import { fileURLToPath } from "node:url";

export const HARNESS_SCRIPT = fileURLToPath(new URL("../../../python/aether_harness.py", import.meta.url));
