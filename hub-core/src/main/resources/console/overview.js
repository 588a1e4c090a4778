// Overview: messages in and out per minute, delivery failures and latency, per connection, from GET /api/v1/stats.

import { get } from './api.js';
import { h, fill, table, messageBox, link, badge, coalesce } from './dom.js';

const W = 420;
const H = 180;
const PAD = { left: 44, right: 8, top: 10, bottom: 22 };

/** A hand-drawn SVG chart over the minutes: `lines` as polylines, `bars` stacked as columns. */
export function chart(title, minutes, { lines = [], bars = [], unit = '' }) {
  const values = minutes.flatMap((m) => [...lines.map((s) => m[s.key] ?? 0),
    bars.reduce((sum, s) => sum + (m[s.key] ?? 0), 0)]);
  const max = Math.max(1, ...values);
  const n = Math.max(1, minutes.length);
  const x = (i) => PAD.left + (i + 0.5) * ((W - PAD.left - PAD.right) / n);
  const y = (v) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
  const colW = Math.max(1, (W - PAD.left - PAD.right) / n - 1);
  const svg = h('svg:svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title },
    h('svg:title', {}, title),
    h('svg:line', { class: 'axis', x1: PAD.left, y1: H - PAD.bottom, x2: W - PAD.right, y2: H - PAD.bottom }),
    h('svg:line', { class: 'axis', x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: H - PAD.bottom }),
    h('svg:text', { x: PAD.left - 4, y: PAD.top + 8, 'text-anchor': 'end' }, amount(max, unit)),
    h('svg:text', { x: PAD.left - 4, y: H - PAD.bottom, 'text-anchor': 'end' }, '0'),
    minutes.length ? h('svg:text', { x: PAD.left, y: H - 6 }, hhmm(minutes[0].minute)) : null,
    minutes.length ? h('svg:text', { x: W - PAD.right, y: H - 6, 'text-anchor': 'end' },
      hhmm(minutes[minutes.length - 1].minute)) : null,
    minutes.flatMap((m, i) => {
      let base = 0;
      return bars.map((s) => {
        const v = m[s.key] ?? 0;
        if (!v) return null;
        const rect = h('svg:rect', { class: `s-${s.key}`, x: x(i) - colW / 2, width: colW, y: y(base + v),
          height: y(base) - y(base + v) }, h('svg:title', {}, `${hhmm(m.minute)} ${s.label}: ${v}`));
        base += v;
        return rect;
      });
    }),
    lines.map((s) => [h('svg:polyline', { class: `s-${s.key}`,
      points: minutes.map((m, i) => m[s.key] == null ? null : `${x(i).toFixed(1)},${y(m[s.key]).toFixed(1)}`)
        .filter(Boolean).join(' ') }),
    // a dot where there is a value: minutes without one (no delivery, no latency) are not drawn as zero
    minutes.map((m, i) => (m[s.key] ? h('svg:circle', { class: `s-${s.key} dot`, cx: x(i).toFixed(1),
      cy: y(m[s.key]).toFixed(1), r: 2.5 }, h('svg:title', {}, `${hhmm(m.minute)} ${s.label}: ${m[s.key]}${unit}`))
      : null))]));
  const legend = h('ul', { class: 'legend' }, [...lines, ...bars].map((s) => h('li', {},
    h('span', { class: `swatch s-${s.key}`, 'aria-hidden': 'true' }), s.label)));
  return h('figure', { class: 'card chart' }, h('figcaption', {}, h('strong', {}, title)), svg, legend);
}

/** 1392 ms as "1.4 s", so the axis label fits */
function amount(v, unit) {
  return unit === ' ms' && v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)}${unit}`;
}

function hhmm(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export async function overview(ctx) {
  const box = messageBox();
  const minutesSelect = h('select', { id: 'overview-minutes', 'aria-label': 'Time window' },
    [[60, 'Last hour'], [180, 'Last 3 hours'], [1440, 'Last 24 hours']].map(([v, t]) => h('option', { value: v }, t)));
  const charts = h('div', { class: 'grid' });
  const perConnection = h('div');
  fill(ctx.main, h('h1', {}, 'Overview'),
    h('div', { class: 'toolbar' }, minutesSelect),
    box, charts, h('h2', {}, 'Per connection'), perConnection);
  const names = new Map();
  try {
    const conns = await get('/api/v1/connections?limit=500', { signal: ctx.signal });
    for (const c of conns.items) names.set(c.id, c);
  } catch {
    // names are a nicety: the stats still show ids
  }

  async function refresh() {
    try {
      const stats = await get(`/api/v1/stats?minutes=${minutesSelect.value}`, { signal: ctx.signal });
      box.clear();
      const sum = (k) => stats.minutes.reduce((s, m) => s + (m[k] ?? 0), 0);
      fill(charts,
        chart(`Messages per minute (in ${sum('received')}, out ${sum('sent')})`, stats.minutes, {
          lines: [{ key: 'received', label: 'received' }, { key: 'sent', label: 'sent' }] }),
        chart(`Delivery failures per minute (${sum('failed')} failed, ${sum('dead')} dead)`, stats.minutes, {
          bars: [{ key: 'failed', label: 'failed (will retry)' }, { key: 'dead', label: 'dead' }] }),
        chart('Delivery latency, event stored → delivered', stats.minutes, { unit: ' ms',
          lines: [{ key: 'latencyP50Ms', label: 'p50' }, { key: 'latencyP95Ms', label: 'p95' }] }));
      fill(perConnection, table([
        { label: 'Connection', render: (c) => link(`#/connections/${encodeURIComponent(c.connectionId)}`,
          names.get(c.connectionId)?.name ?? c.connectionId) },
        { label: 'Health', render: (c) => {
          const s = names.get(c.connectionId)?.health?.status;
          return s ? badge(s) : '';
        } },
        { label: 'Received', render: (c) => c.received },
        { label: 'Sent', render: (c) => c.sent },
        { label: 'Failed', render: (c) => c.failed },
        { label: 'Dead', render: (c) => c.dead },
        { label: 'p95 latency', render: (c) => (c.latencyP95Ms == null ? '–' : `${c.latencyP95Ms} ms`) },
      ], stats.connections));
    } catch (e) {
      if (!ctx.signal.aborted) box.error(e);
    }
  }
  // live: whatever moves redraws the charts, at most every two seconds
  const soon = coalesce(refresh, 2000, ctx.signal);
  for (const kind of ['event', 'delivery']) ctx.live.addEventListener(kind, soon, { signal: ctx.signal });
  ctx.live.addEventListener('health', (e) => {
    const c = names.get(e.detail.connectionId);
    if (c) c.health = { status: e.detail.status, detail: e.detail.detail };
    soon();
  }, { signal: ctx.signal });
  const timer = setInterval(refresh, 30000);
  ctx.signal.addEventListener('abort', () => clearInterval(timer));
  minutesSelect.addEventListener('change', refresh);
  await refresh();
}
