// The admin API as the console calls it: the key from this tab's sessionStorage, JSON in and out, problems as errors.

const KEY = 'ponte.apiKey';

export const session = {
  token: () => sessionStorage.getItem(KEY),
  signIn: (token) => sessionStorage.setItem(KEY, token),
  signOut: () => sessionStorage.removeItem(KEY),
};

/** An answer that was not 2xx: `detail` is what the hub said (application/problem+json), `status` its code. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function headers(extra) {
  const h = new Headers(extra);
  const token = session.token();
  if (token) h.set('Authorization', `Bearer ${token}`);
  return h;
}

async function fail(res) {
  let problem;
  try {
    problem = await res.json();
  } catch {
    problem = { title: res.statusText };
  }
  if (res.status === 401) window.dispatchEvent(new CustomEvent('ponte:unauthorized', { detail: problem }));
  return new ApiError(res.status, problem);
}

/** One admin API call; resolves to the parsed JSON (null for 204), rejects with an ApiError. */
export async function api(method, path, body, options = {}) {
  const init = { method, headers: headers(options.headers), signal: options.signal };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers.set('Content-Type', 'application/json');
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  if (!res.ok) throw await fail(res);
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  return type.includes('json') ? res.json() : res.text();
}

export const get = (path, options) => api('GET', path, undefined, options);

/** A query string of the set values only. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A media file (GET /api/v1/media/{id}) as a blob URL: an <img> cannot send the Authorization header itself. */
export async function mediaUrl(eventId, signal) {
  const res = await fetch(`/api/v1/media/${encodeURIComponent(eventId)}`, { headers: headers(), signal });
  if (!res.ok) throw await fail(res);
  return { url: URL.createObjectURL(await res.blob()), type: res.headers.get('Content-Type') || '' };
}

/**
 * Reads GET /api/v1/stream (Server-Sent Events) with fetch(): EventSource cannot send Authorization. Reconnects with
 * Last-Event-ID after a break, so nothing is missed; `onStatus` hears 'live', 'reconnecting', 'unavailable'.
 */
export function openStream(onMessage, onStatus, signal) {
  let lastId = null;
  let delay = 1000;
  const run = async () => {
    while (!signal.aborted) {
      try {
        const h = headers({ Accept: 'text/event-stream' });
        if (lastId) h.set('Last-Event-ID', lastId);
        const res = await fetch('/api/v1/stream', { headers: h, signal });
        if (res.status === 404 || res.status === 403 || res.status === 401) {
          onStatus('unavailable', (await fail(res)).message);
          return;
        }
        if (!res.ok || !res.body) throw await fail(res);
        onStatus('live');
        delay = 1000;
        await readEvents(res.body, (msg) => {
          if (msg.id) lastId = msg.id;
          onMessage(msg);
        });
      } catch (e) {
        if (signal.aborted) return;
      }
      onStatus('reconnecting');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 15000);
    }
  };
  run();
}

/** The SSE wire format (WHATWG HTML, "event stream interpretation"): fields per line, a blank line ends an event. */
async function readEvents(body, dispatch) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { id: null, event: 'message', data: [] };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let nl;
    while ((nl = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
      if (line === '') {
        if (event.data.length) {
          let data;
          try {
            data = JSON.parse(event.data.join('\n'));
          } catch {
            data = event.data.join('\n');
          }
          dispatch({ id: event.id, type: event.event, data });
        }
        event = { id: event.id, event: 'message', data: [] };
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') event.data.push(value);
      else if (field === 'event') event.event = value;
      else if (field === 'id') event.id = value;
    }
  }
}
