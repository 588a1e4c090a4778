// Small DOM helpers: elements are built with h(), text is always set as text (never parsed as HTML).

import { ApiError } from './api.js';

/** h('button', {class: 'x', onclick: fn, disabled: true}, 'text', child...) */
export function h(tag, attrs = {}, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value' && !svg) el.value = v;
    else if (k === 'checked') el.checked = true;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

/** Replaces an element's content. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let fieldIds = 0;

/** A labelled form field around an input; `hint` is shown under it and linked for screen readers. */
export function field(label, input, hint) {
  input.id ||= `f${++fieldIds}`;
  const parts = [h('label', { for: input.id }, label), input];
  if (hint) {
    const hintEl = h('small', { id: `${input.id}-hint`, class: 'hint' }, hint);
    input.setAttribute('aria-describedby', hintEl.id);
    parts.push(hintEl);
  }
  return h('div', { class: 'field' }, parts);
}

export function button(text, onclick, attrs = {}) {
  return h('button', { type: 'button', ...attrs, onclick }, text);
}

/** A place for errors and results: shows an ApiError's detail, the hub's own words. */
export function messageBox() {
  const box = h('div', { class: 'message', role: 'status', 'aria-live': 'polite', hidden: true });
  box.show = (text, kind = 'ok') => {
    box.className = `message ${kind}`;
    box.hidden = false;
    fill(box, text);
  };
  box.error = (e) => box.show(describe(e), 'error');
  box.clear = () => {
    box.hidden = true;
    fill(box);
  };
  return box;
}

export function describe(e) {
  if (e instanceof ApiError) {
    const errors = e.problem.errors;
    const list = Array.isArray(errors) ? errors.map((x) => `${x.field}: ${x.message}`).join('; ') : '';
    return list && !e.message.includes(list) ? `${e.message} (${list})` : e.message;
  }
  return e && e.message ? e.message : String(e);
}

/** Runs an async action from a button: disabled while it runs, errors into the message box. */
export async function act(btn, box, fn) {
  btn.disabled = true;
  box?.clear();
  try {
    return await fn();
  } catch (e) {
    if (box) box.error(e);
    else throw e;
  } finally {
    btn.disabled = false;
  }
}

export function table(columns, rows, rowAttrs) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
    h('tbody', {}, rows.length === 0
      ? h('tr', {}, h('td', { colspan: columns.length, class: 'empty' }, 'Nothing here yet.'))
      : rows.map((r) => h('tr', rowAttrs ? rowAttrs(r) : {}, columns.map((c) => h('td', { 'data-label': c.label },
        c.render(r))))))));
}

/**
 * A list that pages with the API's cursors: `load(cursor)` returns {items, nextCursor}; `render(items)` draws them.
 * Returns {el, reload}.
 */
export function pagedList(load, render) {
  const el = h('div', { class: 'paged' });
  const box = messageBox();
  const body = h('div');
  const pager = h('nav', { class: 'pager', 'aria-label': 'pages' });
  const stack = [];
  let cursor = null;
  el.append(box, body, pager);
  async function show() {
    try {
      const page = await load(cursor);
      box.clear();
      fill(body, render(page.items));
      fill(pager,
        button('Newer', () => { cursor = stack.pop() ?? null; show(); }, { disabled: stack.length === 0 }),
        button('Older', () => { stack.push(cursor); cursor = page.nextCursor; show(); },
          { disabled: !page.nextCursor }));
    } catch (e) {
      box.error(e);
    }
  }
  return {
    el,
    reload: () => show(),
    first: () => { stack.length = 0; cursor = null; return show(); },
  };
}

/** Calls of the result within `ms` run `fn` once, after `ms` (live updates redraw a page at most that often). */
export function coalesce(fn, ms, signal) {
  let timer = null;
  signal?.addEventListener('abort', () => clearTimeout(timer));
  return () => { timer ??= setTimeout(() => { timer = null; fn(); }, ms); };
}

export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return h('time', { datetime: iso, title: iso }, d.toLocaleString());
}

export function badge(text, kind = text) {
  return h('span', { class: `badge ${kind}` }, text);
}

export function link(href, text) {
  return h('a', { href }, text);
}

/** A JSON editor: a textarea whose value is checked as JSON; `.json()` returns the parsed value or throws. */
export function jsonEditor(value, attrs = {}) {
  const area = h('textarea', { class: 'code', spellcheck: 'false', rows: 8, ...attrs });
  area.value = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  area.json = () => {
    const text = area.value.trim();
    if (!text) return undefined;
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new Error(`${area.dataset.name || 'the JSON'} is not valid JSON: ${e.message}`);
    }
  };
  return area;
}

export function pre(value) {
  return h('pre', { class: 'code' }, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

/** A text that can be copied with one button (the webhook URL, a token shown once). */
export function copyable(text, label) {
  const out = h('output', { class: 'copy-text', 'data-copy': label }, text);
  const btn = button('Copy', async () => {
    try {
      await navigator.clipboard.writeText(text);
      btn.textContent = 'Copied';
    } catch {
      const range = document.createRange();
      range.selectNodeContents(out);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      btn.textContent = 'Selected: press Ctrl+C';
    }
  }, { 'aria-label': `Copy ${label}` });
  return h('div', { class: 'copyable' }, out, btn);
}
