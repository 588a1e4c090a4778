// Conversations: the inbox, a thread in both directions with statuses and media, take over, reply, hand back.

import { api, get, query, mediaUrl } from './api.js';
import { h, fill, field, button, messageBox, act, table, pagedList, badge, link, time, coalesce } from './dom.js';
import { allConnections, connectionSelect } from './connections.js';

const STATES = ['open', 'bot', 'human', 'closed'];

export async function conversationsPage(ctx) {
  const conns = await allConnections(ctx.signal);
  const names = new Map(conns.map((c) => [c.id, c.name]));
  const connection = connectionSelect(conns, { id: 'filter-connection' });
  connection.value = ctx.params.get('connection') ?? '';
  const state = h('select', { id: 'filter-state' }, h('option', { value: '' }, 'any state'),
    STATES.map((s) => h('option', { value: s }, s)));
  state.value = ctx.params.get('state') ?? '';
  const contact = h('input', { id: 'filter-contact', type: 'search', placeholder: 'address, e.g. 5511987650001',
    value: ctx.params.get('contact') ?? '' });
  const list = pagedList((cursor) => get(`/api/v1/conversations${query({ connection: connection.value,
    state: state.value, contact: contact.value.trim(), cursor })}`, { signal: ctx.signal }), (items) => table([
    { label: 'Contact', render: (c) => link(`#/conversations/${encodeURIComponent(c.id)}`,
      c.contactName ? `${c.contactName} (${c.address})` : c.address) },
    { label: 'Channel', render: (c) => names.get(c.connection) ?? c.connection },
    { label: 'State', render: (c) => badge(c.state) },
    { label: 'Messages', render: (c) => c.messageCount },
    { label: 'Last message', render: (c) => time(c.lastMessageAt) },
  ], items, (c) => ({ 'data-id': c.id })));
  for (const el of [connection, state]) el.addEventListener('change', () => list.first());
  const filters = h('form', { class: 'toolbar', role: 'search' }, field('Channel', connection), field('State', state),
    field('Contact', contact), h('button', { type: 'submit' }, 'Filter'));
  filters.addEventListener('submit', (e) => { e.preventDefault(); list.first(); });
  fill(ctx.main, h('h1', {}, 'Conversations'), filters, list.el);
  // a new message or a state change anywhere: the inbox redraws (at most once a second)
  const soon = coalesce(() => list.reload(), 1000, ctx.signal);
  ctx.live.addEventListener('message', soon, { signal: ctx.signal });
  ctx.live.addEventListener('conversation', soon, { signal: ctx.signal });
  await list.first();
}

export async function conversationPage(ctx, id) {
  const path = `/api/v1/conversations/${encodeURIComponent(id)}`;
  let conv = await get(path, { signal: ctx.signal });
  const channel = await get(`/api/v1/connections/${encodeURIComponent(conv.connection)}`, { signal: ctx.signal })
    .then((c) => c.name, () => conv.connection);
  const box = messageBox();
  const write = ctx.me.can.write;
  const stateEl = h('span', { id: 'conversation-state' });
  const controls = h('div', { class: 'toolbar' });
  const thread = h('ol', { class: 'thread', id: 'thread', 'aria-label': 'Messages', reversed: false });
  const entries = new Map();
  const blobs = [];
  ctx.signal.addEventListener('abort', () => blobs.forEach((u) => URL.revokeObjectURL(u)));

  const setState = (s) => (e) => act(e.target, box, async () => {
    conv = await api('PATCH', path, { state: s });
    drawState();
  });
  function drawState() {
    fill(stateEl, badge(conv.state));
    fill(controls,
      conv.state !== 'human' ? button('Take over', setState('human'), { disabled: !write, id: 'take-over' }) : null,
      conv.state === 'human' ? button('Hand back to the bot', setState('bot'), { disabled: !write, id: 'hand-back' })
        : null,
      conv.state !== 'closed' ? button('Close', setState('closed'), { disabled: !write }) : null);
  }

  const deliveries = new Set();
  const previews = new Map();
  function upsert(m) {
    if (m.delivery) deliveries.add(m.delivery);
    const json = JSON.stringify(m);
    const old = entries.get(m.id);
    if (old?.json === json) return;
    const el = bubble(m);
    if (old) old.el.replaceWith(el);
    else thread.append(el);
    entries.set(m.id, { el, json });
  }
  function bubble(m) {
    return h('li', { class: `bubble ${m.direction}`, 'data-id': m.id, 'data-status': m.status ?? '' },
      content(m),
      h('div', { class: 'meta' }, m.senderName ? h('span', {}, m.senderName) : null, time(m.at),
        m.status ? badge(m.status) : null, m.error ? h('span', { class: 'error' }, m.error) : null));
  }
  function content(m) {
    const c = m.content || {};
    switch (c.kind) {
      case 'text': return h('p', { class: 'text' }, c.text);
      case 'media': return media(m, c);
      case 'location': return h('p', {}, `📍 ${c.name ?? ''} ${c.latitude}, ${c.longitude}`);
      case 'reaction': return h('p', {}, `${c.emoji} (reaction)`);
      case 'interactive_reply': return h('p', {}, `↩ ${c.title}`);
      case 'template': return h('p', {}, `Template ${c.name} (${c.language})`);
      case 'contacts': return h('p', {}, `Contacts: ${(c.contacts || []).map((x) => x.name).join(', ')}`);
      default: return h('p', { class: 'hint' }, `${c.kind ?? 'unknown'} content`);
    }
  }
  function media(m, c) {
    const el = h('figure', { class: 'media' }, h('figcaption', {}, c.caption ?? c.fileName ?? c.mediaType));
    if (m.direction !== 'inbound' || !m.event) return el;
    if (previews.has(m.id)) {
      // a redrawn bubble keeps the preview already fetched
      el.prepend(previews.get(m.id));
      return el;
    }
    const show = button(`Show ${c.mediaType}`, (e) => act(e.target, null, async () => {
      try {
        const { url, type } = await mediaUrl(m.event, ctx.signal);
        blobs.push(url);
        const alt = c.caption ?? `${c.mediaType} from ${m.senderName ?? 'the contact'}`;
        const preview = type.startsWith('image/') ? h('img', { src: url, alt })
          : type.startsWith('video/') ? h('video', { src: url, controls: true })
            : type.startsWith('audio/') ? h('audio', { src: url, controls: true })
              : h('a', { href: url, download: c.fileName ?? 'file' }, `Download ${c.fileName ?? 'file'}`);
        previews.set(m.id, preview);
        entries.get(m.id)?.el.querySelector(`[data-show="${m.id}"]`)?.replaceWith(preview);
      } catch (err) {
        (entries.get(m.id)?.el.querySelector(`[data-show="${m.id}"]`) ?? show)
          .replaceWith(h('span', { class: 'message error' }, err.message));
      }
    }), { 'data-show': m.id });
    el.prepend(show);
    return el;
  }

  // the history pages forward (oldest first): up to 2000 messages at a time, then a button for the rest
  const more = h('div', { class: 'row' });
  async function loadAll(from = null) {
    let cursor = from;
    let pages = 0;
    do {
      const page = await get(`${path}/messages${query({ cursor, limit: 200 })}`, { signal: ctx.signal });
      page.items.forEach(upsert);
      cursor = page.nextCursor;
    } while (cursor && ++pages < 10);
    fill(more, cursor ? button('Load later messages', (e) => act(e.target, box, () => loadAll(cursor))) : null);
    thread.scrollTop = thread.scrollHeight;
  }

  const text = h('textarea', { id: 'reply-text', rows: 2, disabled: !write, placeholder: 'Write a reply' });
  const send = h('button', { type: 'submit', class: 'primary', disabled: !write }, 'Send');
  const composer = h('form', { class: 'composer', 'aria-label': 'Reply' },
    h('label', { for: 'reply-text', class: 'skip' }, 'Reply'), text, send);
  composer.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!text.value.trim()) return;
    act(send, box, async () => {
      await api('POST', `${path}/messages`, { text: text.value });
      text.value = '';
      box.show('Sent to the outbox: the status follows below.');
      await loadAll();
    });
  });

  ctx.live.addEventListener('message', (e) => {
    if (e.detail.conversationId === id) {
      upsert(e.detail.entry);
      thread.scrollTop = thread.scrollHeight;
    }
  }, { signal: ctx.signal });
  // a message's status changes with its delivery (sent) and with the provider's receipts (events of this
  // conversation): the thread is read again, at most once a second
  const reread = coalesce(() => loadAll(), 1000, ctx.signal);
  ctx.live.addEventListener('event', (e) => { if (e.detail.conversation === conv.key) reread(); },
    { signal: ctx.signal });
  ctx.live.addEventListener('delivery', (e) => { if (deliveries.has(e.detail.id)) reread(); },
    { signal: ctx.signal });
  ctx.live.addEventListener('conversation', (e) => {
    if (e.detail.id === id) {
      conv = e.detail;
      drawState();
    }
  }, { signal: ctx.signal });

  drawState();
  fill(ctx.main,
    h('h1', {}, conv.contactName ? `${conv.contactName} (${conv.address})` : conv.address),
    h('p', {}, 'State: ', stateEl, ' · on ', link(`#/connections/${encodeURIComponent(conv.connection)}`,
      channel), ' · ', link('#/conversations', 'back to the inbox')),
    h('p', { class: 'hint' }, 'Take over to answer as a person: the bot stops answering until you hand back.'),
    controls, box, h('section', { class: 'card' }, thread, more, composer));
  await loadAll();
}
