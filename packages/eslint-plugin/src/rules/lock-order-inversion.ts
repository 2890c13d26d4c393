// aether/lock-order-inversion: two locks taken in opposite orders on two
// paths that can run concurrently (deadlock when each thread holds one), and
// a non-reentrant Lock taken again on a path that already holds it.
import type { Acquisition } from "../analysis/concurrency/locks.js";
import type { PyNode } from "../language/nodes.js";
import { createRule } from "../ruleKit/createRule.js";
import { tieredMessageId, tieredMessages } from "../ruleKit/evidence.js";

const messages = {
  inversion:
    "`{{second}}` is taken while holding `{{first}}` here, but {{where}} takes `{{first}}` while holding `{{second}}` (line {{otherLine}}): two threads on these paths can each hold one lock and wait forever for the other. {{evidence}}. Take the locks in one order everywhere.",
  reentry:
    "`{{lock}}` is a `threading.Lock` and is already held here ({{how}}): taking it again blocks this thread forever. {{evidence}}. Do not re-take it, or make it a `threading.RLock`.",
};

export default createRule({
  id: "lock-order-inversion",
  meta: {
    type: "problem",
    docs: {
      description: "Locks taken in opposite orders on concurrent paths, or a Lock re-taken while held",
      risk: 0.9,
      category: "deadlock",
    },
    messages: tieredMessages(messages),
    schema: [],
  },
  create(context) {
    return {
      Module() {
        const { locks, concurrency, callGraph } = context.model;
        const acquisitions = locks.acquisitions;
        const evidenceOf = (fn: PyNode | null) =>
          concurrency.of(fn) ?? { tier: "intended" as const, reason: "Code that takes locks is meant to run in threads", instances: "many" as const };
        const nameOf = (fn: PyNode | null) => (fn ? `\`${callGraph.qualifiedNameOf(fn) ?? "?"}\`` : "module code");

        for (const acquisition of acquisitions) {
          const again = acquisition.held.find((l) => l.id === acquisition.lock.id);
          // A lock made in the function and taken twice is a signal: another
          // thread releases it (Condition.wait's waiter lock), not a self-deadlock.
          if (!again || acquisition.lock.kind !== "lock" || acquisition.lock.id.includes(".<locals>.")) continue;
          // `acquire(False)` or `acquire(timeout=…)` returns instead of blocking.
          if (acquisition.node.type === "Call" && ((acquisition.node.args as PyNode[]).length > 0 || (acquisition.node.keywords as PyNode[]).length > 0)) continue;
          const evidence = evidenceOf(acquisition.fn);
          const lexical = acquisition.fn ? !locks.entryLocksOf(acquisition.fn).some((l) => l.id === again.id) : true;
          context.report({
            node: acquisition.node,
            messageId: tieredMessageId("reentry", evidence.tier),
            data: {
              lock: acquisition.lock.text,
              how: lexical ? "an enclosing block took it" : `every caller of ${nameOf(acquisition.fn)} holds it`,
              evidence: evidence.reason,
            },
          });
        }

        const reported = new Set<Acquisition>();
        for (const later of acquisitions) {
          for (const held of later.held) {
            if (held.id === later.lock.id) continue;
            const earlier = acquisitions.find(
              (a) =>
                a !== later &&
                a.lock.id === held.id &&
                a.held.some((h) => h.id === later.lock.id) &&
                (a.fn !== later.fn || evidenceOf(a.fn).instances === "many") &&
                a.node.range[0] < later.node.range[0],
            );
            if (!earlier || reported.has(later)) continue;
            reported.add(later);
            const evidence = evidenceOf(later.fn);
            context.report({
              node: later.node,
              messageId: tieredMessageId("inversion", evidence.tier),
              data: {
                first: held.text,
                second: later.lock.text,
                where: nameOf(earlier.fn),
                otherLine: earlier.node.loc.start.line,
                evidence: evidence.reason.charAt(0).toUpperCase() + evidence.reason.slice(1),
              },
            });
          }
        }
      },
    };
  },
});
