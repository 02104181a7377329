// Dashboard client: posts and average sentiment over time, drawn with uPlot.
import type uPlot from 'uplot';
import type { VolumeBody } from './api';
import { byId } from './dom';
import { numberFormat, SENTIMENT_SCALE, signed, timeOf } from './format';

const CHART_HEIGHT = 220;
const charts: Partial<Record<'volume' | 'sentiment', uPlot>> = {};

interface Series {
  readonly label: string;
  readonly color: string;
  readonly fill: string | null;
  /** Points stay visible where a value stands alone between gaps (no posts, no sentiment). */
  readonly points: boolean;
}

function options(series: Series, width: number): uPlot.Options {
  return {
    width,
    height: CHART_HEIGHT,
    scales: { x: { time: true } },
    series: [
      {},
      {
        label: series.label,
        stroke: series.color,
        ...(series.fill ? { fill: series.fill } : {}),
        width: 2,
        spanGaps: false,
        points: series.points ? { show: true, size: 6, fill: series.color } : {},
      },
    ],
    axes: [{}, { size: 56 }],
    legend: { live: true },
  };
}

function draw(key: 'volume' | 'sentiment', container: HTMLElement, series: Series, data: uPlot.AlignedData): void {
  const existing = charts[key];
  if (existing) return existing.setData(data);
  const chart = new window.uPlot(options(series, Math.max(container.clientWidth, 240)), data, container);
  charts[key] = chart;
  new ResizeObserver(() => {
    const width = Math.max(container.clientWidth, 240);
    if (Math.abs(width - chart.width) > 1) chart.setSize({ width, height: CHART_HEIGHT });
  }).observe(container);
}

/** Draws both charts and describes them for screen readers. */
export function renderVolume(report: VolumeBody): void {
  const xs = report.points.map((p) => Date.parse(p.start) / 1000);
  const posts = report.points.map((p) => p.posts);
  const sentiment = report.points.map((p) => p.sentimentAverage);
  const step = report.stepSeconds >= 60 ? `${report.stepSeconds / 60}-minute` : `${report.stepSeconds}-second`;
  const volumeChart = byId('volume-chart');
  const sentimentChart = byId('sentiment-chart');
  draw('volume', volumeChart, { label: 'Posts', color: '#0b5cd5', fill: 'rgba(11, 92, 213, 0.12)', points: false }, [
    xs,
    posts,
  ]);
  draw('sentiment', sentimentChart, { label: 'Average sentiment', color: '#8250df', fill: null, points: true }, [
    xs,
    sentiment,
  ]);
  const peak = report.points.reduce((best, p) => (p.posts > best.posts ? p : best), {
    posts: 0,
    start: report.range.from,
    ...report.points[0],
  });
  volumeChart.setAttribute(
    'aria-label',
    `Posts per ${step} step: ${numberFormat.format(report.totals.posts)} in total, peak ` +
      `${numberFormat.format(peak.posts)} at ${timeOf(peak.start)}.`,
  );
  sentimentChart.setAttribute(
    'aria-label',
    `Average sentiment per ${step} step; overall ${signed(report.totals.sentimentAverage, 2)}.`,
  );
  sentimentChart.title = SENTIMENT_SCALE;
}
