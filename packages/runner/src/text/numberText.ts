// Numbers as people read them in a verdict or a table: "3,812 calls/s",
// "27 %", "5.08 ms". One place, so the terminal, the JSON's sentences and the
// HTML report agree.

const GROUPED = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 3812.4 → "3,812"; 45.25 → "45.3"; 2.345 → "2.35": about three significant digits below 1,000. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "–";
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return GROUPED.format(value);
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** 0.274 → "27 %"; below 1 %, one decimal. */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  return `${Math.abs(percent) < 1 && percent !== 0 ? percent.toFixed(1) : Math.round(percent)} %`;
}

/** Seconds, scaled to s, ms or µs with about three significant digits. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "–";
  if (seconds >= 1) return `${formatCount(seconds)} s`;
  if (seconds >= 1e-3) return `${formatCount(seconds * 1e3)} ms`;
  return `${formatCount(seconds * 1e6)} µs`;
}

/** "1 thread", "4 threads". */
export function threadsText(count: number): string {
  return `${count} thread${count === 1 ? "" : "s"}`;
}
