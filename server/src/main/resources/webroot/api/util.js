// util.js — small DOM and formatting helpers shared by the explorer modules.
// Everything that may contain server data is added as text nodes (never innerHTML),
// so nothing a server returns can turn into markup or script.

export const $ = (id) => document.getElementById(id);

/** Create an element. props: class, text, on<event> listeners, other keys become attributes. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : String(child)); // strings become text nodes
  }
  return node;
}

/** Set a message element's text and its tone (info, ok, error) through a class, not inline style. */
export function setMessage(node, text, tone = 'info') {
  node.textContent = text;
  node.classList.remove('info', 'ok', 'error', 'warn');
  if (text) node.classList.add(tone);
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** 12:03:04 (local time). */
export const clock = (d = new Date()) => `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

/** 12:03:04.123 — for the live log, where sub-second ordering matters. */
export const clockMs = (d = new Date()) => `${clock(d)}.${pad(d.getMilliseconds(), 3)}`;

/** Human duration: "3 d 4 h", "12 min 5 s", "42 s". */
export function formatDuration(totalSeconds) {
  let s = Math.max(0, Math.floor(Number(totalSeconds) || 0));
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  if (d) return `${d} d ${h} h`;
  if (h) return `${h} h ${m} min`;
  if (m) return `${m} min ${s} s`;
  return `${s} s`;
}

/** Parse JSON without throwing; returns undefined when the text is not JSON. */
export function tryJson(text) {
  try { return JSON.parse(text); } catch { return undefined; }
}

/** A short excerpt of what the server said, to append to an error message. */
function serverSays(text) {
  const json = tryJson(text);
  const said = json && typeof json === 'object'
    ? json.message ?? json.error ?? json.errors?.[0]?.message
    : text;
  if (said == null || said === '') return '';
  const s = String(said).replace(/\s+/g, ' ').trim();
  return s ? ` Server says: “${s.length > 200 ? `${s.slice(0, 200)}…` : s}”` : '';
}

/**
 * Plain-words explanation of a failed HTTP answer. context tunes the 401/403/409 wording
 * for the login form, where those codes mean something specific (spec §2.2, §2.3).
 */
export function describeHttp(status, text = '', context = '') {
  let words;
  switch (status) {
    case 400: words = 'Bad request (400): the server could not use the request body.'; break;
    case 401: words = context === 'login'
      ? 'Wrong username or password (401).'
      : 'Not authorised (401): the token is missing, invalid or expired — log in again.'; break;
    case 403: words = context === 'login'
      ? 'Login refused (403): the account may be blocked.'
      : 'Forbidden (403): your user level does not allow this.'; break;
    case 404: words = 'Not found (404): is the ArrigoLocal API served at this address?'; break;
    case 409: words = context === 'login'
      ? 'Login refused (409): the password must be changed or has expired.'
      : 'Conflict (409).'; break;
    case 415: words = 'Unsupported media type (415): the server wants Content-Type: application/json; a proxy may have rewritten the request.'; break;
    default: words = status >= 500
      ? `Server error (${status}): see the server log.`
      : `Unexpected answer: HTTP ${status}.`;
  }
  return words + serverSays(text);
}

/** Message for fetch() rejections, which only ever mean "no HTTP answer at all". */
export const networkMessage = (err) =>
  `Network error: the server could not be reached (${err?.message || err}). Check the connection and that Vakt is running.`;
