// Evidence tiers and the risk of a finding: base risk × evidence weight
// (RULES.md, "How a finding is decided").
//
// ESLint keeps a finding's `messageId` but not its `data`, so the tier rides
// in the message id as a suffix (`race@intended`): any consumer of ESLint's
// output (CLI, JSON, SARIF, language server) can recompute the risk.

export type EvidenceTier = "proven" | "intended" | "assumed";

export const evidenceWeight: Readonly<Record<EvidenceTier, number>> = {
  proven: 1.0,
  intended: 0.9,
  assumed: 0.6,
};

/** `race` + intended → `race@intended`; proven keeps the plain id. */
export function tieredMessageId(messageId: string, tier: EvidenceTier): string {
  return tier === "proven" ? messageId : `${messageId}@${tier}`;
}

export function tierOfMessageId(messageId: string | undefined): EvidenceTier {
  const suffix = messageId?.split("@")[1];
  return suffix === "intended" || suffix === "assumed" ? suffix : "proven";
}

export function computeRisk(baseRisk: number, tier: EvidenceTier): number {
  return Math.round(baseRisk * evidenceWeight[tier] * 100) / 100;
}

/** Each message once per evidence tier (`race`, `race@intended`, `race@assumed`), all with the same text. */
export function tieredMessages(messages: Readonly<Record<string, string>>): Record<string, string> {
  const tiers: EvidenceTier[] = ["proven", "intended", "assumed"];
  return Object.fromEntries(
    Object.entries(messages).flatMap(([id, text]) => tiers.map((tier) => [tieredMessageId(id, tier), text])),
  );
}
