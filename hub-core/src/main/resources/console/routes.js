// Routes: list, create and edit; the CEL condition and Mustache inputs tried against a stored event (dry run).

import { api, get, query } from './api.js';
import { h, fill, field, button, messageBox, act, table, pagedList, badge, link, jsonEditor, pre } from './dom.js';
import { connectors, allConnections, connectionSelect } from './connections.js';

export async function routesPage(ctx) {
  const conns = new Map((await allConnections(ctx.signal)).map((c) => [c.id, c]));
  const name = (id) => conns.get(id)?.name ?? id;
  const list = pagedList((cursor) => get(`/api/v1/routes${query({ cursor })}`, { signal: ctx.signal }),
    (items) => table([
      { label: 'Name', render: (r) => link(`#/routes/${encodeURIComponent(r.id)}`, r.name || r.id) },
      { label: 'Priority', render: (r) => r.priority },
      { label: 'Enabled', render: (r) => badge(r.enabled ? 'enabled' : 'disabled') },
      { label: 'Match', render: (r) => [r.match?.source ? `from ${name(r.match.source)}` : 'any source',
        r.match?.type ? `, ${r.match.type}` : '', r.match?.condition ? `, if ${r.match.condition}` : ''].join('') },
      { label: 'Actions', render: (r) => r.actions.map((a) => `${name(a.target)} → ${a.action}`).join('; ') },
    ], items));
  fill(ctx.main, h('h1', {}, 'Routes'),
    h('div', { class: 'toolbar' },
      ctx.me.can.write ? h('a', { class: 'button primary', href: '#/routes/new' }, 'New route') : null),
    list.el);
  await list.first();
}

/** Create (id null) or edit a route, with a dry run: POST /api/v1/routes/test. */
export async function routeForm(ctx, id) {
  const [types, conns] = await Promise.all([connectors(), allConnections(ctx.signal)]);
  const existing = id ? await get(`/api/v1/routes/${encodeURIComponent(id)}`, { signal: ctx.signal }) : null;
  const write = ctx.me.can.write;
  const box = messageBox();
  const name = h('input', { id: 'route-name', required: true, value: existing?.name ?? '' });
  const priority = h('input', { id: 'route-priority', type: 'number', step: 1, value: existing?.priority ?? 0 });
  const enabled = h('input', { id: 'route-enabled', type: 'checkbox', checked: existing ? existing.enabled : true });
  const source = connectionSelect(conns, { id: 'route-source' });
  source.value = existing?.match?.source ?? '';
  const emits = [...new Set(types.flatMap((t) => t.emits))].sort();
  const type = h('input', { id: 'route-type', list: 'route-types', value: existing?.match?.type ?? '',
    placeholder: 'any type, e.g. message.inbound' });
  const condition = h('textarea', { id: 'route-condition', class: 'code', rows: 3, spellcheck: 'false',
    placeholder: "e.g. payload.content.text.contains('order')" });
  condition.value = existing?.match?.condition ?? '';
  const conditionError = h('p', { id: 'condition-error', class: 'message error', role: 'alert', hidden: true });
  const actionsEl = h('div');
  const actions = [];

  function addAction(a = {}) {
    const target = connectionSelect(conns, { 'aria-label': 'Target connection', class: 'action-target' },
      'choose a connection');
    target.value = a.target ?? '';
    const action = h('select', { 'aria-label': 'Action', class: 'action-name' });
    const drawActions = () => {
      const c = conns.find((x) => x.id === target.value);
      const t = c && types.find((x) => x.type === c.connector);
      fill(action, (t?.actions ?? []).map((x) => h('option', { value: x.name }, x.name)));
      if (a.action) action.value = a.action;
    };
    target.addEventListener('change', drawActions);
    drawActions();
    const input = jsonEditor(a.input ?? { text: '{{payload.content.text}}' }, { class: 'code action-input', rows: 6,
      'aria-label': 'Action input (JSON with Mustache templates)', 'data-name': 'the action input' });
    const inputError = h('p', { class: 'message error', role: 'alert', hidden: true });
    const entry = { target, action, input, inputError };
    const el = h('fieldset', { class: 'card' }, h('legend', {}, 'Action'),
      h('div', { class: 'row' }, target, action,
        button('Remove', () => { actions.splice(actions.indexOf(entry), 1); el.remove(); },
          { class: 'danger write-only' })),
      input, inputError);
    entry.el = el;
    actions.push(entry);
    actionsEl.append(el);
  }
  (existing?.actions ?? [{}]).forEach(addAction);

  function body() {
    const match = {};
    if (source.value) match.source = source.value;
    if (type.value.trim()) match.type = type.value.trim();
    if (condition.value.trim()) match.condition = condition.value.trim();
    return {
      name: name.value.trim(), priority: Number(priority.value || 0), enabled: enabled.checked, match,
      actions: actions.map((a) => ({ target: a.target.value, action: a.action.value, input: a.input.json() ?? {} })),
    };
  }

  // the dry run: a stored event of the source (or any), the route as edited now
  const eventSelect = h('select', { id: 'dry-event' });
  const loadEvents = async () => {
    try {
      const page = await get(`/api/v1/events${query({ connection: source.value, type: type.value.trim(), limit: 30 })}`,
        { signal: ctx.signal });
      fill(eventSelect, page.items.length === 0 ? h('option', { value: '' }, 'no stored event matches source/type')
        : page.items.map((e) => h('option', { value: e.id }, `${e.receivedAt} ${e.type} ${e.id}`)));
    } catch (e) {
      fill(eventSelect, h('option', { value: '' }, `events could not be listed: ${e.message}`));
    }
  };
  source.addEventListener('change', loadEvents);
  type.addEventListener('change', loadEvents);
  const dryOut = h('div', { id: 'dry-result', 'aria-live': 'polite' });
  const dryBox = messageBox();
  const dryRun = button('Dry run', (e) => act(e.target, dryBox, async () => {
    fill(dryOut);
    conditionError.hidden = true;
    actions.forEach((a) => { a.inputError.hidden = true; });
    if (!eventSelect.value) throw new Error('choose a stored event to try the route on');
    const r = await api('POST', '/api/v1/routes/test', { route: body(), eventId: eventSelect.value });
    if (r.error) {
      const where = r.error.line ? ` (line ${r.error.line}, column ${r.error.column})` : '';
      // an input error names its action: "actions[1].input.text ..."
      const index = Number((/^actions\[(\d+)\]/.exec(r.error.message) || [])[1] ?? 0);
      const target = r.error.field === 'condition' ? conditionError
        : (actions[index] ?? actions[0])?.inputError ?? conditionError;
      target.hidden = false;
      fill(target, `${r.error.field}: ${r.error.message}${where}`);
    }
    fill(dryOut, h('p', {}, 'Matches: ', badge(r.matches ? 'yes' : 'no', r.matches ? 'delivered' : 'cancelled')),
      r.inputs != null ? [h('h3', {}, 'Rendered inputs, per action'), pre(r.inputs)] : null,
      r.error ? h('p', { class: 'message error' }, `${r.error.field}: ${r.error.message}`) : null);
  }), { id: 'dry-run', disabled: !write });

  const save = h('button', { type: 'submit', class: 'primary', disabled: !write }, existing ? 'Save' : 'Create');
  const remove = existing && write ? button('Delete', (e) => act(e.target, box, async () => {
    if (!confirm(`Delete route ${existing.name}?`)) return;
    await api('DELETE', `/api/v1/routes/${encodeURIComponent(id)}`);
    ctx.go('routes');
  }), { class: 'danger' }) : null;
  const form = h('form', { class: 'card', novalidate: true },
    write ? null : h('p', { class: 'message error' }, 'This API key is read-only: it cannot change routes.'),
    field('Name', name), field('Priority', priority, 'Higher runs first.'),
    h('div', { class: 'field check' }, enabled, h('label', { for: 'route-enabled' }, 'Enabled')),
    h('fieldset', {}, h('legend', {}, 'Match'),
      field('Source connection', source),
      field('Envelope type', type), h('datalist', { id: 'route-types' }, emits.map((t) => h('option', { value: t }))),
      field('Condition (CEL)', condition, 'Over the envelope: type, source, payload, attributes, ... '
        + 'Empty: every envelope of that source and type.'),
      conditionError),
    h('fieldset', {}, h('legend', {}, 'Actions (input strings are Mustache templates over the envelope)'),
      actionsEl, button('Add action', () => addAction(), { class: 'write-only' })),
    h('section', { class: 'card' }, h('h2', {}, 'Dry run'),
      h('p', { class: 'hint' }, 'Tries the route as edited here on a stored event: nothing is saved or sent.'
        + (write ? '' : ' A dry run is a POST: it needs a key with role write.')),
      field('Stored event', eventSelect), dryRun, dryBox, dryOut),
    box, h('div', { class: 'row' }, save, remove));
  if (!write) for (const el of form.querySelectorAll('input, select, textarea')) {
    if (el !== eventSelect) el.disabled = true;
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(save, box, async () => {
      const saved = existing ? await api('PUT', `/api/v1/routes/${encodeURIComponent(id)}`, body())
        : await api('POST', '/api/v1/routes', body());
      ctx.go(`routes/${encodeURIComponent(saved.id)}`);
      if (existing) box.show('Saved.');
    });
  });
  fill(ctx.main, h('h1', {}, existing ? `Route ${existing.name || existing.id}` : 'New route'), form);
  await loadEvents();
}
