// Hand-written SVG chart of the e2e benchmark: stored throughput (bars, left axis, with the
// offered rate as a tick) and p99 produce-to-stored latency (line, right axis) per rate step.

/** One step as the chart needs it. */
export interface ChartStep {
  readonly rate: number;
  readonly storedPerSecond: number;
  readonly p99LatencyMs: number;
}

const W = 720;
const H = 400;
const PAD = { left: 70, right: 70, top: 50, bottom: 60 };

function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const mag = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * mag).find((c) => c >= v) ?? v;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/**
 * Renders the chart as a standalone SVG document.
 *
 * @example
 * ```ts
 * writeFileSync('docs/e2e-bench.svg', renderChart(steps, 'e2e benchmark'));
 * ```
 */
export function renderChart(steps: readonly ChartStep[], title: string): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const yMax = niceMax(Math.max(...steps.map((s) => Math.max(s.rate, s.storedPerSecond)), 1));
  const finite = steps.map((s) => s.p99LatencyMs).filter((v) => Number.isFinite(v));
  const lMax = niceMax(Math.max(3000, ...finite));
  const slot = plotW / Math.max(1, steps.length);
  const y = (v: number) => PAD.top + plotH - (v / yMax) * plotH;
  const yl = (v: number) => PAD.top + plotH - (Math.min(v, lMax) / lMax) * plotH;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
  );
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${W / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>`);
  for (let i = 0; i <= 5; i++) {
    const v = (yMax * i) / 5;
    const l = (lMax * i) / 5;
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${y(v) + 4}" text-anchor="end" fill="#1f5f99">${Math.round(v)}</text>`);
    parts.push(`<text x="${W - PAD.right + 6}" y="${yl(l) + 4}" fill="#c0392b">${Math.round(l)}</text>`);
  }
  // The 3 s p99 target.
  parts.push(
    `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${yl(3000)}" y2="${yl(3000)}" stroke="#c0392b" stroke-dasharray="4 4" opacity="0.6"/>`,
  );
  const points: string[] = [];
  steps.forEach((s, i) => {
    const cx = PAD.left + slot * i + slot / 2;
    const bw = Math.min(60, slot * 0.5);
    parts.push(
      `<rect x="${cx - bw / 2}" y="${y(s.storedPerSecond)}" width="${bw}" height="${PAD.top + plotH - y(s.storedPerSecond)}" fill="#4a90d9"/>`,
    );
    parts.push(
      `<line x1="${cx - bw / 2 - 6}" x2="${cx + bw / 2 + 6}" y1="${y(s.rate)}" y2="${y(s.rate)}" stroke="#333" stroke-width="2"/>`,
    );
    parts.push(
      `<text x="${cx}" y="${y(s.storedPerSecond) - 6}" text-anchor="middle">${Math.round(s.storedPerSecond)}</text>`,
    );
    parts.push(`<text x="${cx}" y="${H - PAD.bottom + 18}" text-anchor="middle">${s.rate}/s</text>`);
    if (Number.isFinite(s.p99LatencyMs)) points.push(`${cx},${yl(s.p99LatencyMs)}`);
  });
  parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="#c0392b" stroke-width="2"/>`);
  for (const p of points) {
    const [px, py] = p.split(',');
    parts.push(`<circle cx="${px}" cy="${py}" r="4" fill="#c0392b"/>`);
  }
  parts.push(`<text x="${W / 2}" y="${H - 20}" text-anchor="middle">offered rate step (posts/s)</text>`);
  parts.push(
    `<text transform="translate(18 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle" fill="#1f5f99">stored posts/s (bars; black tick = offered)</text>`,
  );
  parts.push(
    `<text transform="translate(${W - 14} ${PAD.top + plotH / 2}) rotate(90)" text-anchor="middle" fill="#c0392b">p99 produce→stored latency ms (line; dashed = 3 s target)</text>`,
  );
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
