// Plugins (upload, enable, disable, remove), tenants and API keys (token shown once, revoke), the audit log.

import { api, get, query } from './api.js';
import { h, fill, field, button, messageBox, act, table, pagedList, badge, copyable, time } from './dom.js';
import { connectors } from './connections.js';

const enc = encodeURIComponent;

export async function pluginsPage(ctx) {
  const box = messageBox();
  const listEl = h('div');
  const can = ctx.me.can;
  async function draw() {
    const plugins = (await get('/api/v1/plugins', { signal: ctx.signal })).items;
    const op = (p, verb, label, attrs = {}) => button(label, (e) => act(e.target, box, async () => {
      if (verb === 'delete') {
        if (!confirm(`Remove plugin ${p.id}? Its connections stop until it is installed again.`)) return;
        await api('DELETE', `/api/v1/plugins/${enc(p.id)}`);
      } else {
        await api('POST', `/api/v1/plugins/${enc(p.id)}/${verb}`);
      }
      box.show(`Plugin ${p.id}: ${verb === 'delete' ? 'removed' : `${verb}d`}.`);
      await connectors(true);
      await draw();
    }), attrs);
    fill(listEl, table([
      { label: 'Plugin', render: (p) => p.id },
      { label: 'Version', render: (p) => p.version ?? '' },
      { label: 'State', render: (p) => [badge(p.state), p.error ? h('div', { class: 'hint' }, p.error) : null] },
      { label: 'Connectors', render: (p) => (p.connectors || []).join(', ') },
      { label: 'File', render: (p) => p.file ?? '' },
      ...(can.managePlugins ? [{ label: 'Manage', render: (p) => [
        p.state === 'disabled' ? op(p, 'enable', 'Enable') : op(p, 'disable', 'Disable'), ' ',
        op(p, 'delete', 'Remove', { class: 'danger' })] }] : []),
    ], plugins, (p) => ({ 'data-id': p.id })));
  }
  let upload = null;
  if (can.uploadPlugins) {
    const file = h('input', { type: 'file', id: 'plugin-file', name: 'file', accept: '.zip,.jar', required: true });
    const send = h('button', { type: 'submit', class: 'primary' }, 'Upload');
    upload = h('form', { class: 'card', id: 'plugin-upload' }, h('h2', {}, 'Install or upgrade a plugin'),
      field('Plugin file (zip or jar)', file, 'Installed at once on this hub and on every node that shares its '
        + 'database; an upgrade of an installed id replaces it.'), send);
    upload.addEventListener('submit', (e) => {
      e.preventDefault();
      act(send, box, async () => {
        if (!file.files.length) throw new Error('choose a plugin file first');
        const form = new FormData();
        form.append('file', file.files[0]);
        const p = await api('POST', '/api/v1/plugins', form);
        box.show(`Installed ${p.id ?? file.files[0].name}.`);
        file.value = '';
        await connectors(true);
        await draw();
      });
    });
  }
  const why = !can.managePlugins ? 'Installing and managing plugins needs an admin-scope key with role write.'
    : !can.uploadPlugins ? 'Installing plugins through the API is turned off on this hub (PONTE_PLUGINS_UPLOAD=off): '
      + 'put the plugin file into the plugins dir and restart.' : null;
  fill(ctx.main, h('h1', {}, 'Plugins'), box, upload, why ? h('p', { class: 'hint' }, why) : null, listEl);
  await draw();
}

export async function tenantsPage(ctx) {
  const box = messageBox();
  const tenantsEl = h('div');
  const keysEl = h('div');
  const tokenEl = h('div', { 'aria-live': 'polite' });
  const can = ctx.me.can.manageTenants;
  let tenants = [];
  async function draw() {
    tenants = (await get('/api/v1/tenants', { signal: ctx.signal })).items;
    const keys = (await get('/api/v1/api-keys', { signal: ctx.signal })).items;
    fill(tenantsEl, table([
      { label: 'Tenant', render: (t) => t.id },
      { label: 'Name', render: (t) => t.name },
      { label: 'Created', render: (t) => time(t.createdAt) },
    ], tenants));
    fill(keysEl, table([
      { label: 'Key', render: (k) => k.id },
      { label: 'Name', render: (k) => k.name },
      { label: 'Scope', render: (k) => k.tenant ?? 'admin (all tenants)' },
      { label: 'Role', render: (k) => k.role },
      { label: 'State', render: (k) => (k.revokedAt ? badge('revoked', 'dead') : k.expiresAt
        && new Date(k.expiresAt) < new Date() ? badge('expired', 'dead') : badge('active')) },
      { label: 'Expires', render: (k) => (k.expiresAt ? time(k.expiresAt) : 'never') },
      ...(can ? [{ label: '', render: (k) => (k.revokedAt ? '' : button('Revoke', (e) => act(e.target, box, async () => {
        if (!confirm(`Revoke API key ${k.name}? Whoever uses it is refused from now on.`)) return;
        await api('DELETE', `/api/v1/api-keys/${enc(k.id)}`);
        box.show(`Key ${k.name} revoked.`);
        await draw();
      }), { class: 'danger' })) }] : []),
    ], keys, (k) => ({ 'data-id': k.id })));
    fill(keyTenant, h('option', { value: '' }, 'admin scope (all tenants)'),
      tenants.map((t) => h('option', { value: t.id }, `${t.name} (${t.id})`)));
  }
  const tenantName = h('input', { id: 'tenant-name', required: true });
  const tenantForm = h('form', { class: 'card' }, h('h2', {}, 'New tenant'), field('Name', tenantName),
    h('button', { type: 'submit', class: 'primary' }, 'Create tenant'));
  tenantForm.addEventListener('submit', (e) => {
    e.preventDefault();
    act(e.submitter, box, async () => {
      const t = await api('POST', '/api/v1/tenants', { name: tenantName.value.trim() });
      tenantName.value = '';
      box.show(`Tenant ${t.name} created (${t.id}).`);
      await draw();
    });
  });
  const keyName = h('input', { id: 'key-name', required: true });
  const keyTenant = h('select', { id: 'key-tenant' });
  const keyRole = h('select', { id: 'key-role' }, h('option', { value: 'read' }, 'read'),
    h('option', { value: 'write' }, 'write'));
  const keyExpires = h('input', { id: 'key-expires', type: 'datetime-local' });
  const keyForm = h('form', { class: 'card' }, h('h2', {}, 'New API key'), field('Name', keyName),
    field('Scope', keyTenant), field('Role', keyRole, 'read: may only read; write: may change things'),
    field('Expires (optional)', keyExpires), h('button', { type: 'submit', class: 'primary' }, 'Create key'));
  keyForm.addEventListener('submit', (e) => {
    e.preventDefault();
    act(e.submitter, box, async () => {
      const body = { name: keyName.value.trim(), role: keyRole.value };
      if (keyTenant.value) body.tenant = keyTenant.value;
      if (keyExpires.value) body.expiresAt = new Date(keyExpires.value).toISOString();
      const k = await api('POST', '/api/v1/api-keys', body);
      keyName.value = '';
      fill(tokenEl, h('section', { class: 'card', id: 'new-token' }, h('h2', {}, `Token of ${k.name}`),
        h('p', {}, 'Shown this once: copy it now. Only its hash is stored.'), copyable(k.token, 'the new token')));
      await draw();
    });
  });
  fill(ctx.main, h('h1', {}, 'Tenants and API keys'), box, tokenEl,
    can ? h('div', { class: 'grid' }, tenantForm, keyForm) : null,
    h('h2', {}, 'Tenants'), tenantsEl, h('h2', {}, 'API keys'), keysEl);
  await draw();
}

export async function auditPage(ctx) {
  const key = h('input', { id: 'audit-key', placeholder: 'key id' });
  const target = h('input', { id: 'audit-target', placeholder: 'object id' });
  const list = pagedList((cursor) => get(`/api/v1/audit${query({ key: key.value.trim(), target: target.value.trim(),
    cursor })}`, { signal: ctx.signal }), (items) => table([
    { label: 'When', render: (a) => time(a.at) },
    { label: 'Key', render: (a) => a.key },
    { label: 'Action', render: (a) => a.action },
    { label: 'Target', render: (a) => a.target ?? '' },
    { label: 'Status', render: (a) => badge(String(a.status), a.status < 400 ? 'delivered' : 'dead') },
  ], items));
  const filters = h('form', { class: 'toolbar', role: 'search' }, field('Key', key), field('Target', target),
    h('button', { type: 'submit' }, 'Filter'));
  filters.addEventListener('submit', (e) => { e.preventDefault(); list.first(); });
  fill(ctx.main, h('h1', {}, 'Audit log'), filters, list.el);
  await list.first();
}
