// Every rule, by id. Configs, docs and the README's rule table derive from this list.
import type { AetherRule } from "../ruleKit/createRule.js";
import asyncThreadingMix from "./async-threading-mix.js";
import cApiMisuse from "./c-api-misuse.js";
import exceptionGroupRace from "./exception-group-race.js";
import frameLocalsAccess from "./frame-locals-access.js";
import guardedByViolation from "./guarded-by-violation.js";
import lockOrderInversion from "./lock-order-inversion.js";
import moduleStateRace from "./module-state-race.js";
import nonAtomicUpdate from "./non-atomic-update.js";
import sharedIterator from "./shared-iterator.js";
import signalHandlerRace from "./signal-handler-race.js";
import sqliteSharedConnection from "./sqlite-shared-connection.js";
import threadUnsafeLibrary from "./thread-unsafe-library.js";
import typeMutation from "./type-mutation.js";
import unlockedFileWrite from "./unlocked-file-write.js";
import unsafeLazyInit from "./unsafe-lazy-init.js";
import warningsCatchContext from "./warnings-catch-context.js";
import weakrefRace from "./weakref-race.js";

export const rules: Readonly<Record<string, AetherRule>> = {
  "async-threading-mix": asyncThreadingMix,
  "c-api-misuse": cApiMisuse,
  "exception-group-race": exceptionGroupRace,
  "frame-locals-access": frameLocalsAccess,
  "guarded-by-violation": guardedByViolation,
  "lock-order-inversion": lockOrderInversion,
  "module-state-race": moduleStateRace,
  "non-atomic-update": nonAtomicUpdate,
  "shared-iterator": sharedIterator,
  "signal-handler-race": signalHandlerRace,
  "sqlite-shared-connection": sqliteSharedConnection,
  "thread-unsafe-library": threadUnsafeLibrary,
  "type-mutation": typeMutation,
  "unlocked-file-write": unlockedFileWrite,
  "unsafe-lazy-init": unsafeLazyInit,
  "warnings-catch-context": warningsCatchContext,
  "weakref-race": weakrefRace,
};
