// Deliveries (what went out: filters, detail, retry / cancel one or in bulk) and events (what came in).

import { api, get, query } from './api.js';
import { h, fill, field, button, messageBox, act, table, pagedList, badge, link, pre, time, coalesce } from './dom.js';
import { allConnections, connectionSelect } from './connections.js';

const STATUSES = ['queued', 'pending', 'inflight', 'delivered', 'dead', 'cancelled'];
const enc = encodeURIComponent;

function rowActions(d, write, box, after) {
  return [
    d.status === 'dead' ? button('Retry', (e) => act(e.target, box, async () => {
      await api('POST', `/api/v1/deliveries/${enc(d.id)}/retry`);
      box.show(`Delivery ${d.id} is back in line.`);
      await after();
    }), { disabled: !write, 'data-retry': d.id }) : null,
    d.status === 'pending' || d.status === 'queued' ? button('Cancel', (e) => act(e.target, box, async () => {
      await api('POST', `/api/v1/deliveries/${enc(d.id)}/cancel`);
      box.show(`Delivery ${d.id} cancelled.`);
      await after();
    }), { disabled: !write, class: 'danger' }) : null,
  ];
}

export async function deliveriesPage(ctx) {
  const conns = await allConnections(ctx.signal);
  const names = new Map(conns.map((c) => [c.id, c.name]));
  const status = h('select', { id: 'filter-status' }, h('option', { value: '' }, 'any status'),
    STATUSES.map((s) => h('option', { value: s }, s)));
  status.value = ctx.params.get('status') ?? '';
  const connection = connectionSelect(conns, { id: 'filter-connection' });
  connection.value = ctx.params.get('connection') ?? '';
  const routeId = h('input', { id: 'filter-route', placeholder: 'route id', value: ctx.params.get('route') ?? '' });
  const eventId = h('input', { id: 'filter-event', placeholder: 'event id', value: ctx.params.get('event') ?? '' });
  const box = messageBox();
  const write = ctx.me.can.write;
  const list = pagedList((cursor) => get(`/api/v1/deliveries${query({ status: status.value,
    connection: connection.value, route: routeId.value.trim(), event: eventId.value.trim(), cursor })}`,
  { signal: ctx.signal }), (items) => table([
    { label: 'Delivery', render: (d) => link(`#/deliveries/${enc(d.id)}`, d.id) },
    { label: 'Status', render: (d) => badge(d.status) },
    { label: 'Target', render: (d) => `${names.get(d.connection) ?? d.connection} → ${d.action}` },
    { label: 'Attempts', render: (d) => d.attempts },
    { label: 'Last error', render: (d) => d.lastError ?? '' },
    { label: 'Created', render: (d) => time(d.createdAt) },
    { label: '', render: (d) => rowActions(d, write, box, () => list.reload()) },
  ], items, (d) => ({ 'data-id': d.id, 'data-status': d.status })));
  for (const el of [status, connection]) el.addEventListener('change', () => list.first());

  // bulk: the API selects by route / connection (never "everything")
  const bulk = (verb, noun) => (e) => act(e.target, box, async () => {
    const body = {};
    if (connection.value) body.connection = connection.value;
    if (routeId.value.trim()) body.route = routeId.value.trim();
    if (!body.connection && !body.route) throw new Error(`choose a connection or a route first: ${verb} on every `
      + 'delivery at once is refused');
    const r = await api('POST', `/api/v1/deliveries/${verb}`, body);
    box.show(`${r[noun]} deliveries ${noun}.`);
    await list.reload();
  });
  const filters = h('form', { class: 'toolbar', role: 'search' }, field('Status', status),
    field('Target connection', connection), field('Route', routeId), field('Event', eventId),
    h('button', { type: 'submit' }, 'Filter'));
  filters.addEventListener('submit', (e) => { e.preventDefault(); list.first(); });
  fill(ctx.main, h('h1', {}, 'Deliveries'), filters,
    write ? h('div', { class: 'toolbar' },
      button('Retry all dead (connection/route)', bulk('retry', 'retried'), { id: 'bulk-retry' }),
      button('Cancel all waiting (connection/route)', bulk('cancel', 'cancelled'), { class: 'danger' })) : null,
    box, list.el);
  ctx.live.addEventListener('delivery', coalesce(() => list.reload(), 1000, ctx.signal), { signal: ctx.signal });
  await list.first();
}

export async function deliveryPage(ctx, id) {
  const box = messageBox();
  const body = h('div');
  const write = ctx.me.can.write;
  async function draw() {
    const d = await get(`/api/v1/deliveries/${enc(id)}`, { signal: ctx.signal });
    fill(body, h('div', { class: 'toolbar' }, rowActions(d, write, box, draw)),
      h('section', { class: 'card' }, h('dl', { class: 'facts' },
        h('dt', {}, 'Status'), h('dd', { id: 'delivery-status' }, badge(d.status)),
        h('dt', {}, 'Event'), h('dd', {}, link(`#/events/${enc(d.event)}`, d.event)),
        h('dt', {}, 'Route'), h('dd', {}, d.route ? link(`#/routes/${enc(d.route)}`, d.route) : '–'),
        h('dt', {}, 'Target'), h('dd', {}, link(`#/connections/${enc(d.connection)}`, d.connection), ` → ${d.action}`),
        h('dt', {}, 'Attempts'), h('dd', {}, d.attempts),
        h('dt', {}, 'Last error'), h('dd', {}, d.lastError ?? '–'),
        h('dt', {}, 'Next attempt'), h('dd', {}, d.nextAttemptAt ? time(d.nextAttemptAt) : '–'),
        h('dt', {}, 'Provider ref'), h('dd', {}, d.externalRef ?? '–'),
        h('dt', {}, 'Created'), h('dd', {}, time(d.createdAt)),
        h('dt', {}, 'Delivered'), h('dd', {}, d.deliveredAt ? time(d.deliveredAt) : '–'))),
      h('section', { class: 'card' }, h('h2', {}, 'Input'), pre(d.input)));
  }
  fill(ctx.main, h('h1', {}, `Delivery ${id}`), box, body);
  ctx.live.addEventListener('delivery', (e) => { if (e.detail.id === id) draw(); }, { signal: ctx.signal });
  await draw();
}

export async function eventsPage(ctx) {
  const conns = await allConnections(ctx.signal);
  const names = new Map(conns.map((c) => [c.id, c.name]));
  const connection = connectionSelect(conns, { id: 'filter-connection' });
  connection.value = ctx.params.get('connection') ?? '';
  const type = h('input', { id: 'filter-type', placeholder: 'e.g. message.inbound', value: ctx.params.get('type') ?? '' });
  const list = pagedList((cursor) => get(`/api/v1/events${query({ connection: connection.value,
    type: type.value.trim(), cursor })}`, { signal: ctx.signal }), (items) => table([
    { label: 'Event', render: (e) => link(`#/events/${enc(e.id)}`, e.id) },
    { label: 'Type', render: (e) => e.type },
    { label: 'From', render: (e) => names.get(e.connection) ?? e.connection },
    { label: 'Deliveries', render: (e) => e.deliveryCount },
    { label: 'Routing error', render: (e) => e.routeError ?? '' },
    { label: 'Received', render: (e) => time(e.receivedAt) },
  ], items, (e) => ({ 'data-id': e.id })));
  connection.addEventListener('change', () => list.first());
  const filters = h('form', { class: 'toolbar', role: 'search' }, field('Connection', connection), field('Type', type),
    h('button', { type: 'submit' }, 'Filter'));
  filters.addEventListener('submit', (e) => { e.preventDefault(); list.first(); });
  fill(ctx.main, h('h1', {}, 'Events'), filters, list.el);
  ctx.live.addEventListener('event', coalesce(() => list.reload(), 1000, ctx.signal), { signal: ctx.signal });
  await list.first();
}

export async function eventPage(ctx, id) {
  const e = await get(`/api/v1/events/${enc(id)}`, { signal: ctx.signal });
  fill(ctx.main, h('h1', {}, `Event ${id}`),
    h('section', { class: 'card' }, h('dl', { class: 'facts' },
      h('dt', {}, 'Type'), h('dd', {}, e.type),
      h('dt', {}, 'From'), h('dd', {}, link(`#/connections/${enc(e.connection)}`, e.connection)),
      h('dt', {}, 'Provider id'), h('dd', {}, e.externalId ?? '–'),
      h('dt', {}, 'Conversation'), h('dd', {}, e.conversation ?? '–'),
      h('dt', {}, 'Received'), h('dd', {}, time(e.receivedAt)),
      h('dt', {}, 'Routing error'), h('dd', {}, e.routeError ?? '–'))),
    h('section', { class: 'card' }, h('h2', {}, 'Deliveries'), table([
      { label: 'Delivery', render: (d) => link(`#/deliveries/${enc(d.id)}`, d.id) },
      { label: 'Status', render: (d) => badge(d.status) },
      { label: 'Target', render: (d) => `${d.connection} → ${d.action}` },
      { label: 'Attempts', render: (d) => d.attempts },
      { label: 'Last error', render: (d) => d.lastError ?? '' },
    ], e.deliveries ?? [])),
    h('section', { class: 'card' }, h('h2', {}, 'Envelope'), pre(e.envelope)));
}
