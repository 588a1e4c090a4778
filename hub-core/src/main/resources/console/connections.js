// Connections: list with health and breaker, a form built from the connector's config schema, test, actions.

import { api, get, query } from './api.js';
import { h, fill, field, button, messageBox, act, table, pagedList, badge, link, jsonEditor, pre, copyable, time }
  from './dom.js';

const MASK = '***';
// secrets the admin chooses and types at the provider too: the form offers to generate one and shows it once
const CHOSEN_SECRETS = new Set(['verifyToken', 'secretToken']);

let connectorsCache = null;

/** GET /api/v1/connectors, once per sign-in of the page (the registry changes only with plugins). */
export async function connectors(fresh = false) {
  if (!connectorsCache || fresh) connectorsCache = get('/api/v1/connectors').then((r) => r.items);
  try {
    return await connectorsCache;
  } catch (e) {
    connectorsCache = null;
    throw e;
  }
}

/** Every connection the key sees (for pickers and names); the list endpoint pages, so this follows the cursors. */
export async function allConnections(signal) {
  const out = [];
  let cursor = null;
  do {
    const page = await get(`/api/v1/connections${query({ limit: 500, cursor })}`, { signal });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export function connectionSelect(conns, attrs = {}, emptyLabel = 'any connection') {
  return h('select', attrs, h('option', { value: '' }, emptyLabel),
    conns.map((c) => h('option', { value: c.id }, `${c.name} (${c.connector})`)));
}

function webhookUrl(c) {
  return c.webhookUrl || new URL(c.webhookPath, location.origin).href;
}

export async function connectionsPage(ctx) {
  const connector = h('select', { id: 'filter-connector' }, h('option', { value: '' }, 'all types'),
    (await connectors()).map((t) => h('option', { value: t.type }, t.displayName || t.type)));
  const list = pagedList((cursor) => get(`/api/v1/connections${query({ connector: connector.value, cursor })}`,
    { signal: ctx.signal }), (items) => table([
    { label: 'Name', render: (c) => link(`#/connections/${encodeURIComponent(c.id)}`, c.name) },
    { label: 'Type', render: (c) => c.connector },
    { label: 'Status', render: (c) => badge(c.enabled ? c.status : 'disabled') },
    { label: 'Health', render: (c) => health(c) },
    { label: 'Breaker', render: (c) => (c.breaker ? badge(c.breaker.state) : '–') },
    ...(ctx.me.scope === 'admin' ? [{ label: 'Tenant', render: (c) => c.tenant }] : []),
  ], items, (c) => ({ 'data-id': c.id })));
  connector.addEventListener('change', () => list.first());
  fill(ctx.main, h('h1', {}, 'Connections'),
    h('div', { class: 'toolbar' }, field('Type', connector),
      ctx.me.can.write ? h('a', { class: 'button primary', href: '#/connections/new' }, 'New connection') : null),
    list.el);
  ctx.live.addEventListener('health', () => list.reload(), { signal: ctx.signal });
  await list.first();
}

function health(c) {
  if (!c.health) return '–';
  return h('span', { title: c.health.detail || '' }, badge(c.health.status), ' ', c.health.detail || '');
}

export async function connectionPage(ctx, id) {
  const c = await get(`/api/v1/connections/${encodeURIComponent(id)}`, { signal: ctx.signal });
  const type = (await connectors()).find((t) => t.type === c.connector);
  const box = messageBox();
  const healthEl = h('dd', {}, health(c));
  const write = ctx.me.can.write;
  const testBtn = button('Test connection', (e) => act(e.target, box, async () => {
    const r = await api('POST', `/api/v1/connections/${encodeURIComponent(id)}/test`);
    fill(healthEl, badge(r.status), ' ', r.detail || '');
    box.show(`Test: ${r.status}${r.detail ? ` — ${r.detail}` : ''}`, r.status === 'up' ? 'ok' : 'error');
  }), { disabled: !write });
  const del = button('Delete', (e) => act(e.target, box, async () => {
    if (!confirm(`Delete connection ${c.name}? Its routes stop working.`)) return;
    await api('DELETE', `/api/v1/connections/${encodeURIComponent(id)}`);
    ctx.go('connections');
  }), { class: 'danger write-only', disabled: !write });
  ctx.live.addEventListener('health', (e) => {
    if (e.detail.connectionId === id) fill(healthEl, badge(e.detail.status), ' ', e.detail.detail || '');
  }, { signal: ctx.signal });

  fill(ctx.main, h('h1', {}, c.name),
    h('div', { class: 'toolbar' }, testBtn,
      write ? h('a', { class: 'button', href: `#/connections/${encodeURIComponent(id)}/edit` }, 'Edit') : null, del,
      link(`#/conversations?connection=${encodeURIComponent(id)}`, 'Conversations'),
      link(`#/deliveries?connection=${encodeURIComponent(id)}`, 'Deliveries')),
    box,
    h('section', { class: 'card' }, h('dl', { class: 'facts' },
      h('dt', {}, 'Id'), h('dd', {}, c.id),
      h('dt', {}, 'Type'), h('dd', {}, type ? `${type.displayName} (${c.connector})` : c.connector),
      h('dt', {}, 'Tenant'), h('dd', {}, c.tenant),
      h('dt', {}, 'Status'), h('dd', {}, badge(c.enabled ? c.status : 'disabled'), ' ', c.statusDetail || ''),
      h('dt', {}, 'Health'), healthEl,
      h('dt', {}, 'Breaker'), h('dd', {}, c.breaker ? `${c.breaker.state}, ${c.breaker.calls} calls, failure rate `
        + `${c.breaker.failureRate < 0 ? 'n/a' : `${c.breaker.failureRate}%`}` : 'not open on this node'),
      h('dt', {}, 'History'), h('dd', {}, c.history ? 'kept' : 'off: not in Conversations'),
      h('dt', {}, 'Updated'), h('dd', {}, time(c.updatedAt)))),
    h('section', { class: 'card' }, h('h2', {}, 'Webhook'),
      h('p', {}, 'The provider sends to this URL (GET for handshakes, POST for events):'),
      copyable(webhookUrl(c), 'webhook URL'),
      type?.config.fields.some((f) => f.name === 'verifyToken') ? h('p', { class: 'hint' },
        'Meta handshake: set this URL as the Callback URL and the value of verifyToken as the Verify token in the '
        + 'App Dashboard. The verify token is stored encrypted and never shown again; edit the connection to set a '
        + 'new one.') : null),
    h('section', { class: 'card' }, h('h2', {}, 'Config'), pre(c.config),
      c.delivery ? [h('h2', {}, 'Delivery settings'), pre(c.delivery)] : null),
    type && type.actions.length ? actionsSection(id, type, write) : null);
}

/** Each action runnable with a JSON input: POST /connections/{id}/actions/{action}. */
function actionsSection(id, type, write) {
  return h('section', { class: 'card actions-list' }, h('h2', {}, 'Actions'),
    type.actions.map((a) => {
      const input = jsonEditor(skeleton(a.inputSchema), { 'data-name': `the input of ${a.name}`, disabled: !write,
        'aria-label': `Input of ${a.name}` });
      const out = h('div');
      const box = messageBox();
      const run = button(`Run ${a.name}`, (e) => act(e.target, box, async () => {
        const r = await api('POST', `/api/v1/connections/${encodeURIComponent(id)}/actions/${encodeURIComponent(a.name)}`,
          input.json() ?? {});
        fill(out, badge(r.outcome), pre(r));
      }), { disabled: !write, 'data-action': a.name });
      return h('details', {}, h('summary', {}, a.name),
        a.description ? h('p', {}, a.description) : null, input, h('div', { class: 'row' }, run), box, out);
    }));
}

/** An example input from a JSON Schema: its required properties with placeholder values. */
function skeleton(schema) {
  if (!schema || schema.type !== 'object' || !schema.properties) return {};
  const out = {};
  for (const name of schema.required || []) {
    const p = schema.properties[name] || {};
    out[name] = p.default ?? (p.type === 'integer' || p.type === 'number' ? 0 : p.type === 'boolean' ? false
      : p.type === 'object' ? {} : p.type === 'array' ? [] : '');
  }
  return out;
}

/** Create (id null) or edit a connection, the fields drawn from the connector's config schema. */
export async function connectionForm(ctx, id) {
  const types = await connectors();
  const existing = id ? await get(`/api/v1/connections/${encodeURIComponent(id)}`, { signal: ctx.signal }) : null;
  const write = ctx.me.can.write;
  const box = messageBox();
  const typeSelect = h('select', { id: 'connector', name: 'connector', required: true, disabled: !!existing },
    h('option', { value: '' }, 'Choose a connector type'),
    types.map((t) => h('option', { value: t.type }, `${t.displayName || t.type} (${t.category})`)));
  const name = h('input', { id: 'name', name: 'name', required: true, maxlength: 200, value: existing?.name ?? '' });
  const enabled = h('input', { type: 'checkbox', id: 'enabled', checked: existing ? existing.enabled : true });
  const history = h('input', { type: 'checkbox', id: 'history', checked: existing ? existing.history : true });
  const tenant = ctx.me.scope === 'admin' && !existing ? h('input', { id: 'tenant', placeholder: 'default' }) : null;
  const schemaFields = h('fieldset', {}, h('legend', {}, 'Config'));
  const delivery = jsonEditor(existing?.delivery ?? '', { id: 'delivery', rows: 4, 'data-name': 'delivery' });
  let inputs = [];
  typeSelect.value = existing?.connector ?? '';

  function drawSchema() {
    const t = types.find((x) => x.type === typeSelect.value);
    inputs = t ? t.config.fields.map((f) => configInput(f, existing?.config?.[f.name], !!existing)) : [];
    fill(schemaFields, h('legend', {}, 'Config'),
      t ? h('p', { class: 'hint' }, t.description || '') : h('p', { class: 'hint' }, 'Choose a connector type first.'),
      inputs.map((i) => i.el));
  }
  typeSelect.addEventListener('change', drawSchema);
  drawSchema();

  const save = h('button', { type: 'submit', class: 'primary', disabled: !write }, existing ? 'Save' : 'Create');
  const form = h('form', { class: 'card', novalidate: true },
    write ? null : h('p', { class: 'message error' }, 'This API key is read-only: it cannot change connections.'),
    field('Connector type', typeSelect),
    field('Name', name),
    tenant ? field('Tenant', tenant, 'Admin keys only: the tenant that owns it (default: default)') : null,
    h('div', { class: 'field check' }, enabled, h('label', { for: 'enabled' }, 'Enabled')),
    h('div', { class: 'field check' }, history, h('label', { for: 'history' }, 'Keep conversation history'),
      h('p', { class: 'hint' }, 'Off for a pure relay: its messages are still stored and delivered, but not shown '
        + 'in Conversations, and agents see no history.')),
    schemaFields,
    h('details', {}, h('summary', {}, 'Delivery settings (optional, JSON)'),
      field('delivery', delivery, 'retrySchedule, timeoutSeconds, maxConcurrency, sendRates: see docs/operations.md')),
    box, save);
  if (!write) for (const el of form.querySelectorAll('input, select, textarea')) el.disabled = true;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(save, box, async () => {
      const config = {};
      for (const i of inputs) {
        const v = i.value();
        if (v !== undefined) config[i.field.name] = v;
      }
      const body = { name: name.value.trim(), enabled: enabled.checked, history: history.checked, config };
      const d = delivery.json();
      if (d !== undefined) body.delivery = d;
      let saved;
      if (existing) {
        saved = await api('PUT', `/api/v1/connections/${encodeURIComponent(id)}`, body);
      } else {
        body.connector = typeSelect.value;
        if (tenant?.value.trim()) body.tenant = tenant.value.trim();
        saved = await api('POST', '/api/v1/connections', body);
      }
      const chosen = inputs.filter((i) => CHOSEN_SECRETS.has(i.field.name) && i.value() && i.value() !== MASK);
      if (chosen.length) {
        // the provider needs these typed on its side too; the API never shows them again
        fill(ctx.main, h('h1', {}, `Saved ${saved.name}`),
          h('section', { class: 'card' },
            h('p', {}, 'Set these at the provider now: the secret is stored encrypted and not shown again.'),
            h('h2', {}, 'Webhook URL'), copyable(webhookUrl(saved), 'webhook URL'),
            chosen.map((i) => [h('h2', {}, i.field.name), copyable(i.value(), i.field.name)]),
            h('a', { class: 'button primary', href: `#/connections/${encodeURIComponent(saved.id)}` }, 'Done')));
        ctx.main.querySelector('h1').focus();
        return;
      }
      ctx.go(`connections/${encodeURIComponent(saved.id)}`);
    });
  });
  fill(ctx.main, h('h1', {}, existing ? `Edit ${existing.name}` : 'New connection'), form);
}

/** One input for one config field: typed control, required, default, doc; secrets write-only and masked. */
function configInput(f, current, editing) {
  const id = `cfg-${f.name}`;
  const attrs = { id, name: f.name, 'data-field': f.name };
  let input;
  let read;
  const def = f.defaultValue;
  switch (f.type) {
    case 'boolean':
      input = h('input', { ...attrs, type: 'checkbox', checked: current ?? def ?? false });
      read = () => input.checked;
      break;
    case 'integer':
    case 'number':
      input = h('input', { ...attrs, type: 'number', step: f.type === 'integer' ? 1 : 'any', min: f.minimum,
        max: f.maximum, required: f.required && def == null, placeholder: def ?? '', value: current ?? '' });
      read = () => (input.value === '' ? undefined : Number(input.value));
      break;
    case 'string_list':
      input = h('textarea', { ...attrs, rows: 3, placeholder: def ? def.join('\n') : 'one per line' });
      input.value = Array.isArray(current) ? current.join('\n') : '';
      read = () => (input.value.trim() === '' ? undefined : input.value.split('\n').map((s) => s.trim()).filter(Boolean));
      break;
    case 'json':
      input = jsonEditor(current ?? '', { ...attrs, rows: 4, 'data-name': f.name });
      read = () => input.json();
      break;
    default:
      if (f.secret) {
        // write-only: the stored value never comes back; left empty on edit it stays as it is
        input = h('input', { ...attrs, type: 'password', autocomplete: 'new-password',
          required: f.required && !editing, placeholder: editing && current === MASK ? 'unchanged (stored, hidden)' : '' });
        read = () => (input.value === '' ? (editing && current === MASK ? MASK : undefined) : input.value);
      } else {
        input = h('input', { ...attrs, type: f.type === 'url' ? 'url' : 'text', required: f.required && def == null,
          placeholder: def ?? '', value: current ?? '' });
        read = () => (input.value === '' ? undefined : input.value);
      }
  }
  const doc = [f.doc, def != null && f.type !== 'boolean' ? `Default: ${JSON.stringify(def)}.` : null,
    f.patternHint ? `Must ${f.patternHint.replace(/^must /, '')}.` : null,
    f.secret ? 'Secret: stored encrypted, never shown again.' : null].filter(Boolean).join(' ');
  const label = `${f.name}${f.required && def == null ? ' (required)' : ''}`;
  let el;
  if (f.type === 'boolean') {
    el = h('div', { class: 'field check' }, input, h('label', { for: id }, label),
      doc ? h('small', { class: 'hint' }, doc) : null);
  } else {
    el = field(label, input, doc);
  }
  if (f.secret && CHOSEN_SECRETS.has(f.name)) {
    el.append(button('Generate', () => {
      const bytes = crypto.getRandomValues(new Uint8Array(24));
      input.type = 'text';
      input.value = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    }, { 'aria-label': `Generate ${f.name}`, class: 'write-only' }));
  }
  return { field: f, el, value: read };
}
