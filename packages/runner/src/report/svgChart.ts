// The throughput-against-threads chart as inline SVG: each measured point (the
// median) with its spread (min–max bar), the fitted USL curve, and markers for
// the peak, the saturation cliff and, in a regression, the standard build's
// best. Plain SVG with class names the report's stylesheet colours; no script.

import type { ThroughputPoint } from "../engines/measurement.js";
import { uslThroughput, type UslModel } from "../engines/usl.js";
import { formatCount, formatPercent, threadsText } from "../text/numberText.js";
import { escapeHtml } from "./escapeHtml.js";

export interface ChartPoint extends ThroughputPoint {
  readonly min: number;
  readonly max: number;
}

export interface ChartSeries {
  readonly label: string;
  /** A CSS class for the series' colour: "series-a", "series-b". */
  readonly className: string;
  readonly points: readonly ChartPoint[];
  readonly usl: UslModel | null;
}

export interface ChartMarkers {
  readonly peak?: ThroughputPoint | undefined;
  readonly cliff?: (ThroughputPoint & { readonly drop: number }) | undefined;
  /** A horizontal reference line, e.g. the standard build's best throughput. */
  readonly level?: { readonly throughput: number; readonly label: string } | undefined;
}

const WIDTH = 720;
const HEIGHT = 400;
const MARGIN = { left: 78, right: 24, top: 24, bottom: 56 };
const CURVE_SAMPLES = 120;
const GROUPED = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function throughputChartSvg(series: readonly ChartSeries[], markers: ChartMarkers = {}): string {
  const all = series.flatMap((entry) => entry.points);
  const maxThreads = Math.max(...all.map((point) => point.threads));
  const lastThreads = Math.max(2, maxThreads);
  // A little room right of the last point, for its marker and label.
  const xMax = lastThreads * 1.06;
  const curveMax = series.flatMap((entry) => (entry.usl === null ? [] : curveSamples(entry.usl, lastThreads).map((p) => p.throughput)));
  const yMax = niceCeiling(Math.max(...all.map((point) => point.max), ...curveMax, markers.level?.throughput ?? 0) * 1.08);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (threads: number) => MARGIN.left + ((threads - 0) / xMax) * plotWidth;
  const y = (throughput: number) => MARGIN.top + plotHeight - (throughput / yMax) * plotHeight;
  const f = (value: number) => value.toFixed(1);

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="throughput-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="Throughput against threads">`,
  );

  // Axes, grid and ticks: x at every measured count, y at five round values.
  parts.push(`<g class="axes">`);
  for (const value of yTicks(yMax)) {
    parts.push(
      `<line class="grid" x1="${f(MARGIN.left)}" x2="${f(WIDTH - MARGIN.right)}" y1="${f(y(value))}" y2="${f(y(value))}"/>`,
      `<text class="tick" x="${f(MARGIN.left - 8)}" y="${f(y(value) + 4)}" text-anchor="end">${Number.isInteger(value) ? GROUPED.format(value) : formatCount(value)}</text>`,
    );
  }
  const counts = [...new Set(all.map((point) => point.threads))].sort((a, b) => a - b);
  for (const threads of counts) {
    parts.push(`<text class="tick" x="${f(x(threads))}" y="${f(HEIGHT - MARGIN.bottom + 18)}" text-anchor="middle">${threads}</text>`);
  }
  parts.push(
    `<line class="axis" x1="${f(MARGIN.left)}" x2="${f(WIDTH - MARGIN.right)}" y1="${f(y(0))}" y2="${f(y(0))}"/>`,
    `<line class="axis" x1="${f(MARGIN.left)}" x2="${f(MARGIN.left)}" y1="${f(MARGIN.top)}" y2="${f(y(0))}"/>`,
    `<text class="axis-label" x="${f(MARGIN.left + plotWidth / 2)}" y="${f(HEIGHT - 12)}" text-anchor="middle">threads</text>`,
    `<text class="axis-label" transform="translate(18 ${f(MARGIN.top + plotHeight / 2)}) rotate(-90)" text-anchor="middle">calls/s</text>`,
    `</g>`,
  );

  if (markers.level !== undefined) {
    const level = y(markers.level.throughput);
    parts.push(
      `<g class="level-marker"><line x1="${f(MARGIN.left)}" x2="${f(WIDTH - MARGIN.right)}" y1="${f(level)}" y2="${f(level)}"/>`,
      `<text x="${f(WIDTH - MARGIN.right - 4)}" y="${f(level - 6)}" text-anchor="end">${escapeHtml(markers.level.label)}</text></g>`,
    );
  }

  for (const entry of series) {
    parts.push(`<g class="series ${escapeHtml(entry.className)}" data-label="${escapeHtml(entry.label)}">`);
    if (entry.usl !== null) {
      const path = curveSamples(entry.usl, lastThreads)
        .map((point, index) => `${index === 0 ? "M" : "L"}${f(x(point.threads))} ${f(y(point.throughput))}`)
        .join(" ");
      parts.push(`<path class="usl-curve" d="${path}"/>`);
    }
    for (const point of entry.points) {
      parts.push(
        `<line class="spread" x1="${f(x(point.threads))}" x2="${f(x(point.threads))}" y1="${f(y(point.min))}" y2="${f(y(point.max))}"/>`,
        `<circle class="point" cx="${f(x(point.threads))}" cy="${f(y(point.throughput))}" r="4.5" data-threads="${point.threads}" data-throughput="${point.throughput.toFixed(3)}">` +
          `<title>${escapeHtml(`${threadsText(point.threads)}: ${formatCount(point.throughput)} calls/s (${formatCount(point.min)}–${formatCount(point.max)})`)}</title></circle>`,
      );
    }
    parts.push(`</g>`);
  }

  if (markers.peak !== undefined) {
    const { threads, throughput } = markers.peak;
    parts.push(
      `<g class="peak-marker" data-threads="${threads}"><circle cx="${f(x(threads))}" cy="${f(y(throughput))}" r="9"/>`,
      `<text x="${f(x(threads))}" y="${f(y(throughput) - 14)}" text-anchor="middle">peak</text></g>`,
    );
  }
  if (markers.cliff !== undefined) {
    const { threads, drop } = markers.cliff;
    // Near the right edge the label goes left of the line, so it is not cut off.
    const leftOfLine = x(threads) > WIDTH - MARGIN.right - 90;
    parts.push(
      `<g class="cliff-marker" data-threads="${threads}"><line x1="${f(x(threads))}" x2="${f(x(threads))}" y1="${f(MARGIN.top)}" y2="${f(y(0))}"/>`,
      `<text x="${f(x(threads) + (leftOfLine ? -6 : 6))}" y="${f(MARGIN.top + 14)}" text-anchor="${leftOfLine ? "end" : "start"}">cliff −${formatPercent(drop)}</text></g>`,
    );
  }

  if (series.length > 1 || series.some((entry) => entry.usl !== null)) parts.push(legend(series));
  parts.push(`</svg>`);
  return parts.join("\n");
}

function legend(series: readonly ChartSeries[]): string {
  const rows = series.map(
    (entry, index) =>
      `<g class="series ${escapeHtml(entry.className)}" transform="translate(0 ${index * 18})"><circle class="swatch" cx="6" cy="-4" r="4.5"/><text x="16" y="0">${escapeHtml(entry.label)}${entry.usl !== null ? " (line: USL fit)" : ""}</text></g>`,
  );
  return `<g class="legend" transform="translate(${MARGIN.left + 12} ${MARGIN.top + 14})">${rows.join("")}</g>`;
}

function curveSamples(model: UslModel, lastThreads: number): ThroughputPoint[] {
  return Array.from({ length: CURVE_SAMPLES + 1 }, (_, i) => {
    const threads = 1 + ((lastThreads - 1) * i) / CURVE_SAMPLES;
    return { threads, throughput: uslThroughput(model, threads) };
  });
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`. */
function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function yTicks(yMax: number): number[] {
  return [0, 1, 2, 3, 4].map((i) => (yMax * i) / 4);
}
