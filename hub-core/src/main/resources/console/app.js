// The console's shell: sign-in, the signed-in key's powers, navigation (hash routes), the live stream.

import { get, session, openStream } from './api.js';
import { h, fill, field, messageBox, describe } from './dom.js';
import { overview } from './overview.js';
import { connectionsPage, connectionPage, connectionForm } from './connections.js';
import { routesPage, routeForm } from './routes.js';
import { conversationsPage, conversationPage } from './conversations.js';
import { deliveriesPage, deliveryPage, eventsPage, eventPage } from './deliveries.js';
import { pluginsPage, tenantsPage, auditPage } from './admin.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const liveStatus = document.getElementById('live');

/** Live stream messages, re-dispatched by kind ('event', 'delivery', 'message', 'conversation', 'health'). */
export const live = new EventTarget();

const PAGES = [
  { path: 'overview', label: 'Overview', page: overview },
  { path: 'connections', label: 'Connections', page: connectionsPage },
  { path: 'routes', label: 'Routes', page: routesPage },
  { path: 'conversations', label: 'Conversations', page: conversationsPage },
  { path: 'deliveries', label: 'Deliveries', page: deliveriesPage },
  { path: 'events', label: 'Events', page: eventsPage },
  { path: 'plugins', label: 'Plugins', page: pluginsPage },
  { path: 'tenants', label: 'Tenants & keys', page: tenantsPage, when: (me) => me.can.viewTenants },
  { path: 'audit', label: 'Audit log', page: auditPage },
];

// #/connections/new, #/connections/<id>/edit, ... : the first match wins
const DETAIL = [
  [/^connections\/new$/, (ctx) => connectionForm(ctx, null)],
  [/^connections\/([^/]+)\/edit$/, (ctx, id) => connectionForm(ctx, id)],
  [/^connections\/([^/]+)$/, connectionPage],
  [/^routes\/new$/, (ctx) => routeForm(ctx, null)],
  [/^routes\/([^/]+)$/, routeForm],
  [/^conversations\/([^/]+)$/, conversationPage],
  [/^deliveries\/([^/]+)$/, deliveryPage],
  [/^events\/([^/]+)$/, eventPage],
];

let me = null;
let pageAbort = null;
let streamAbort = null;

function signInForm(reason) {
  const input = h('input', { type: 'password', name: 'apiKey', autocomplete: 'off', required: true });
  const box = messageBox();
  if (reason) box.show(reason, 'error');
  const form = h('form', { class: 'card signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in to Ponte'),
    h('p', {}, 'Paste an API key (or the bootstrap token). It stays in this browser tab only and is forgotten when '
      + 'the tab closes.'),
    field('API key', input),
    box,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    session.signIn(input.value.trim());
    try {
      await start();
    } catch (err) {
      session.signOut();
      box.error(err);
    }
  });
  nav.hidden = true;
  fill(who);
  fill(main, form);
  input.focus();
}

async function start() {
  me = await get('/api/v1/whoami');
  document.body.classList.toggle('read-only', !me.can.write);
  fill(who,
    h('span', { class: 'key' }, me.name, ' · ', me.role, ' · ', me.scope === 'admin' ? 'all tenants' : `tenant ${me.tenant}`),
    h('button', { type: 'button', onclick: signOut }, 'Sign out'));
  fill(nav, h('ul', {}, PAGES.filter((p) => !p.when || p.when(me))
    .map((p) => h('li', {}, h('a', { href: `#/${p.path}`, 'data-page': p.path }, p.label)))));
  nav.hidden = false;
  connectLive();
  route();
}

function connectLive() {
  streamAbort?.abort();
  streamAbort = new AbortController();
  openStream((msg) => live.dispatchEvent(new CustomEvent(msg.type, { detail: msg.data })), (status, why) => {
    liveStatus.dataset.state = status;
    liveStatus.textContent = status === 'live' ? 'Live' : status === 'reconnecting' ? 'Reconnecting…' : 'Not live';
    liveStatus.title = why || '';
  }, streamAbort.signal);
}

function signOut() {
  streamAbort?.abort();
  pageAbort?.abort();
  session.signOut();
  me = null;
  location.hash = '';
  signInForm();
}

async function route() {
  if (!me) return;
  pageAbort?.abort();
  pageAbort = new AbortController();
  const [path, qs] = (location.hash.replace(/^#\/?/, '') || 'overview').split('?');
  const top = path.split('/')[0];
  for (const a of nav.querySelectorAll('a')) {
    if (a.dataset.page === top) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const ctx = { main, me, signal: pageAbort.signal, live, params: new URLSearchParams(qs || ''),
    go: (p) => { location.hash = `#/${p}`; } };
  fill(main);
  try {
    const detail = DETAIL.find(([re]) => re.test(path));
    if (detail) {
      await detail[1](ctx, ...path.match(detail[0]).slice(1).map(decodeURIComponent));
    } else {
      const page = PAGES.find((p) => p.path === path && (!p.when || p.when(me)));
      if (!page) {
        fill(main, h('h1', {}, 'Not found'), h('p', {}, `There is no page ${path}.`));
        return;
      }
      await page.page(ctx);
    }
    const heading = main.querySelector('h1');
    if (heading) {
      heading.tabIndex = -1;
      document.title = `${heading.textContent} · Ponte`;
    }
  } catch (e) {
    if (!ctx.signal.aborted) fill(main, h('p', { class: 'message error', role: 'alert' }, describe(e)));
  }
}

window.addEventListener('hashchange', () => {
  route().then(() => main.querySelector('h1')?.focus());
});
window.addEventListener('ponte:unauthorized', () => {
  if (me) {
    streamAbort?.abort();
    me = null;
    session.signOut();
    signInForm('The API key is no longer accepted (revoked or expired): sign in again.');
  }
});

if (session.token()) {
  start().catch((e) => {
    session.signOut();
    signInForm(describe(e));
  });
} else {
  signInForm();
}
