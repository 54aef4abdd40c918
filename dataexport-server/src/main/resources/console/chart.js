// A line chart as inline SVG (no library): one series over time, its latest value and its maximum
// said in words for screen readers.
import { h } from './dom.js';

const W = 520;
const H = 170;
const PAD = { left: 46, right: 10, top: 12, bottom: 24 };

/**
 * @param title what the chart shows, e.g. 'Throughput (records/s)'
 * @param points [{at: Date, value: number}], oldest first
 * @param kind 'throughput' or 'lag': the line's colour
 */
export function lineChart(title, points, kind) {
  const highest = Math.max(0, ...points.map((p) => p.value));
  const max = Math.max(1, highest); // the axis' top
  const first = points.length ? points[0].at.getTime() : Date.now();
  const last = points.length ? points[points.length - 1].at.getTime() : first + 1;
  const span = Math.max(1, last - first);
  const x = (t) => PAD.left + ((t - first) / span) * (W - PAD.left - PAD.right);
  const y = (v) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
  const latest = points.length ? points[points.length - 1].value : 0;
  const minutes = Math.round(span / 60000);
  const summary = points.length
    ? `${title}: now ${round(latest)}, highest ${round(highest)} over the last ${minutes || 'less than one'} minute(s).`
    : `${title}: no samples yet.`;
  const svg = h('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': summary, class: `chart-${kind}` },
    h('title', {}, summary),
    [0, 0.5, 1].map((f) => h('g', {},
      h('line', { class: 'grid', x1: PAD.left, x2: W - PAD.right, y1: y(max * f), y2: y(max * f) }),
      h('text', { x: 4, y: y(max * f) + 4 }, round(max * f)))),
    h('text', { x: PAD.left, y: H - 6 }, points.length ? points[0].at.toLocaleTimeString('en-GB') : ''),
    h('text', { x: W - PAD.right - 50, y: H - 6 }, points.length ? new Date(last).toLocaleTimeString('en-GB') : ''),
    points.length > 1
      ? h('polyline', { class: `line-${kind}`, points: points.map((p) => `${x(p.at.getTime()).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ') })
      : null);
  return h('figure', { class: 'chart' }, h('figcaption', {}, title), svg);
}

function round(v) {
  return v >= 10 ? Math.round(v) : Math.round(v * 10) / 10;
}
