// explorer.js — wires the landing page together: server facts in the header, the session,
// the query editor, live subscriptions and the schema explorer. No dependencies, no build step:
// the server runs offline on site networks and sends a strict CSP (no inline script or style).
import { $, el, setMessage, clock, clockMs, formatDuration, tryJson, describeHttp, networkMessage } from './util.js';
import * as auth from './auth.js';
import { EXAMPLES, operationInfo } from './queries.js';
import { Subscription } from './ws-client.js';
import { SchemaView } from './schema.js';

const LOG_CAP = 200;
const HEALTH_EVERY_MS = 30_000;
const EDITOR_KEY = 'vakt.explorer.editor';

// ---------------------------------------------------------------- GraphQL over HTTP

/** POST ./graphql with the bearer token. Resolves { res, text, json }; rejects only without an answer. */
async function postGraphQL(body) {
  let res;
  try {
    res = await auth.authFetch('./graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw err instanceof auth.AuthError ? err : new Error(networkMessage(err));
  }
  const text = await res.text().catch(() => '');
  return { res, text, json: tryJson(text) };
}

/** For the schema explorer: the JSON answer, or an error in plain words. */
async function graphqlJson(body) {
  const { res, text, json } = await postGraphQL(body);
  if (!json || (!res.ok && !json.data)) throw new Error(describeHttp(res.status, text));
  return json;
}

// ---------------------------------------------------------------- header: health, sysinfo, uptime

let uptime = null; // { seconds, at } — ticked locally between sysinfo reads

async function pollHealth() {
  const pill = $('health');
  pill.classList.remove('ok', 'bad');
  try {
    const res = await fetch('./health', { cache: 'no-store', headers: { Accept: 'application/json' } });
    const body = tryJson(await res.text());
    const status = typeof body?.status === 'string' ? body.status : (res.ok ? 'UP' : `HTTP ${res.status}`);
    pill.textContent = status;
    pill.classList.add(res.ok && /^up$/i.test(status) ? 'ok' : 'bad');
    if (!auth.token() && typeof body?.version === 'string') $('version').textContent = body.version;
  } catch {
    pill.textContent = 'unreachable';
    pill.classList.add('bad');
  }
}

/** Any JSON value as short display text. */
function display(value) {
  if (value == null) return '—';
  if (typeof value !== 'object') return String(value);
  if (typeof value.version === 'string') return value.version;
  return JSON.stringify(value);
}

async function loadSysinfo() {
  if (!auth.token()) return;
  let info;
  try {
    const res = await auth.authFetch('./sysinfo', { headers: { Accept: 'application/json' } });
    info = res.ok ? tryJson(await res.text()) : null;
    if (!info || typeof info !== 'object') { $('version').textContent = `unavailable (HTTP ${res.status})`; return; }
  } catch {
    $('version').textContent = 'unavailable';
    return;
  }
  const { product, version, uptimeSeconds, components, ...rest } = info;
  $('version').textContent = [typeof product === 'string' && product !== 'Vakt' ? product : '', display(version)].filter(Boolean).join(' ');
  uptime = Number.isFinite(Number(uptimeSeconds)) ? { seconds: Number(uptimeSeconds), at: Date.now() } : null;
  // Components and any other fields, whatever their shape.
  const entries = [
    ...(components && typeof components === 'object' ? Object.entries(components) : components != null ? [['components', components]] : []),
    ...Object.entries(rest),
  ];
  $('components').replaceChildren(...entries.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, display(v))]));
  $('sysinfo').hidden = entries.length === 0;
}

function clearSysinfo() {
  uptime = null;
  $('version').textContent = 'log in to see';
  $('components').replaceChildren();
  $('sysinfo').hidden = true;
}

/** Once a second: uptime and token countdown. */
function tick() {
  $('uptime').textContent = uptime ? formatDuration(uptime.seconds + (Date.now() - uptime.at) / 1000) : '—';
  const s = auth.getSession();
  if (!s) return;
  const left = (s.expiresAt - Date.now()) / 1000;
  $('expiry').textContent = left > 0
    ? `at ${clock(new Date(s.expiresAt))} (in ${formatDuration(left)})`
    : `— expired at ${clock(new Date(s.expiresAt))}, refreshing`;
}

// ---------------------------------------------------------------- session

const sessionMsg = (text, tone) => setMessage($('session-msg'), text, tone);

function renderSession() {
  const s = auth.getSession();
  $('login-form').hidden = !!s;
  $('session-info').hidden = !s;
  $('who').textContent = s ? s.username : '';
  $('schema-reload').disabled = !s;
  tick();
}

auth.onSessionChange((reason, s, message) => {
  renderSession();
  switch (reason) {
    case 'login':
    case 'restore':
      sessionMsg(reason === 'login' ? `Logged in as ${s.username}.` : `Session restored for ${s.username}.`, 'ok');
      schema.load();
      loadSysinfo();
      break;
    case 'refresh':
      sessionMsg(`Token refreshed at ${clock()}.`, 'ok');
      sub?.reopen();
      break;
    case 'refresh-failed':
      sessionMsg(message, 'warn');
      break;
    case 'expired':
    case 'logout':
      sessionMsg(reason === 'logout' ? 'Logged out.' : message, reason === 'logout' ? 'ok' : 'error');
      sub?.stop(reason === 'logout' ? 'Stopped: logged out.' : 'Stopped: the session ended.');
      schema.clear();
      clearSysinfo();
      break;
    default:
  }
});

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const btn = $('login-btn');
  btn.disabled = true;
  sessionMsg('Logging in…');
  try {
    await auth.login($('username').value.trim(), $('password').value);
    $('password').value = '';
    $('q').focus(); // the form is now hidden; continue where the work happens
  } catch (err) {
    sessionMsg(err.message, 'error');
    $(err.status === 401 ? 'password' : 'username').focus();
  } finally {
    btn.disabled = false;
  }
});

$('logout').addEventListener('click', async () => {
  const warning = await auth.logout();
  if (warning) sessionMsg(warning, 'warn');
  $('username').focus();
});

// ---------------------------------------------------------------- editor

/** Tab inserts two spaces. Esc then Tab (or Shift+Tab) still leaves, so the editor is no keyboard trap. */
function codeEditor(ta) {
  let escaped = false;
  ta.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { escaped = true; return; }
    if (e.key === 'Tab' && !escaped && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      // execCommand keeps the browser's undo history; setRangeText is the fallback.
      if (!document.execCommand('insertText', false, '  ')) ta.setRangeText('  ', ta.selectionStart, ta.selectionEnd, 'end');
    }
    if (!['Shift', 'Control', 'Alt', 'Meta'].includes(e.key)) escaped = false;
  });
}
codeEditor($('q'));
codeEditor($('vars'));

function saveEditor() {
  try {
    localStorage.setItem(EDITOR_KEY, JSON.stringify({ q: $('q').value, vars: $('vars').value, op: $('opname').value }));
  } catch { /* storage unavailable: the editor just starts fresh next time */ }
}

function loadExample(ex) {
  $('q').value = ex.query;
  $('vars').value = ex.variables ? JSON.stringify(ex.variables, null, 2) : '';
  $('opname').value = ex.operationName ?? '';
  saveEditor();
}

$('examples').append(...EXAMPLES.map((ex, i) => el('option', { value: String(i) }, ex.label)));
$('examples').addEventListener('change', (e) => {
  const ex = EXAMPLES[Number(e.target.value)];
  if (e.target.value !== '' && ex) loadExample(ex);
});

(function restoreEditor() {
  let saved = null;
  try { saved = JSON.parse(localStorage.getItem(EDITOR_KEY)); } catch { /* ignore */ }
  if (saved && typeof saved.q === 'string' && saved.q.trim()) {
    $('q').value = saved.q;
    $('vars').value = typeof saved.vars === 'string' ? saved.vars : '';
    $('opname').value = typeof saved.op === 'string' ? saved.op : '';
  } else {
    loadExample(EXAMPLES[0]);
  }
}());

for (const id of ['q', 'vars', 'opname']) $(id).addEventListener('input', saveEditor);

$('query-form').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
});
$('query-form').addEventListener('submit', (e) => { e.preventDefault(); run(); });

// ---------------------------------------------------------------- running operations

const resultStatus = (text, tone) => setMessage($('result-status'), text, tone);
let runSeq = 0; // only the latest run may write the result pane

function run() {
  const query = $('q').value;
  const operationName = $('opname').value.trim();
  let variables;
  const varsText = $('vars').value.trim();
  if (varsText) {
    variables = tryJson(varsText);
    if (!variables || typeof variables !== 'object' || Array.isArray(variables)) {
      resultStatus('Variables must be a JSON object, e.g. {"path": "…"}. Fix the variables field.', 'error');
      $('vars').focus();
      return;
    }
  }
  const op = operationInfo(query, operationName);
  if (op.error) { resultStatus(op.error, 'error'); return; }
  if (!auth.token()) {
    resultStatus('Log in first: the GraphQL endpoint needs a bearer token.', 'error');
    $('username').focus();
    return;
  }
  const payload = { query };
  if (variables) payload.variables = variables;
  if (operationName) payload.operationName = operationName;
  if (op.kind === 'subscription') startSubscription(payload);
  else runHttp(payload, op.kind);
}

async function runHttp(payload, kind) {
  const seq = ++runSeq;
  const out = $('result');
  out.setAttribute('aria-busy', 'true');
  resultStatus(`Running ${kind}…`);
  const t0 = performance.now();
  try {
    const { res, text, json } = await postGraphQL(payload);
    if (seq !== runSeq) return;
    const ms = Math.round(performance.now() - t0);
    const errors = Array.isArray(json?.errors) ? json.errors.length : 0;
    const summary = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''} · ${ms} ms${errors ? ` · ${errors} error${errors > 1 ? 's' : ''}` : ''}`;
    if (res.ok) resultStatus(summary, errors ? 'warn' : 'ok');
    else resultStatus(`${summary} — ${describeHttp(res.status, json ? '' : text)}`, 'error');
    out.textContent = json !== undefined ? JSON.stringify(json, null, 2) : (text || '(empty body)');
  } catch (err) {
    if (seq !== runSeq) return;
    resultStatus(err.message, 'error');
    out.textContent = '';
  } finally {
    if (seq === runSeq) out.removeAttribute('aria-busy');
  }
}

// ---------------------------------------------------------------- live subscriptions

let sub = null;
let received = 0;
const liveStatus = (text, tone) => setMessage($('live-status'), text, tone);

/** ws(s)://<host>/…/graphql/ws next to this page, so a path-prefixing proxy keeps working. */
function wsUrl() {
  const url = new URL('./graphql/ws', location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  url.search = '';
  return url.href;
}

function startSubscription(payload) {
  sub?.stop('Stopped: replaced by a new subscription.');
  const protocol = $('ws-protocol').value;
  ++runSeq; // a running HTTP request must not overwrite this status
  resultStatus(`Subscription started over ${protocol} — results appear under “Live subscription”.`, 'ok');
  $('result').textContent = '';
  sub = new Subscription({
    url: wsUrl(),
    protocol,
    payload,
    getToken: auth.token,
    refreshToken: auth.refresh,
    onEvent: onSubscriptionEvent,
  });
  $('stop').disabled = false;
  sub.start();
}

function onSubscriptionEvent({ kind, text, payload }) {
  switch (kind) {
    case 'status': liveStatus(text); break;
    case 'next': addLog(payload, Array.isArray(payload?.errors) && payload.errors.length ? 'error' : ''); break;
    case 'error': liveStatus(text, 'error'); addLog(payload, 'error', text); break;
    case 'closed':
      liveStatus(text, /normally|^Stopped|completed/.test(text) ? 'info' : 'error');
      $('stop').disabled = true;
      break;
    default:
  }
}

/** A recognisable data(path) update gets a one-line summary above its raw JSON. */
function summary(payload) {
  const v = payload?.data?.data;
  if (!v || typeof v !== 'object' || !('path' in v)) return null;
  return el('span', { class: 'sum' },
    el('strong', {}, String(v.path)), ' = ', el('span', { class: 'val' }, JSON.stringify(v.value ?? null)),
    ` · ${v.type ?? '?'}`, v.timeStamp ? ` · ${v.timeStamp}` : '', v.technicalAddress ? ` · ${v.technicalAddress}` : '');
}

function addLog(payload, tone = '', note = '') {
  const now = new Date();
  const log = $('live-log');
  log.prepend(el('li', { class: tone },
    el('time', { datetime: now.toISOString() }, clockMs(now)),
    note && el('span', { class: 'note' }, note),
    summary(payload),
    el('code', { class: 'raw' }, payload === undefined ? '' : JSON.stringify(payload))));
  while (log.children.length > LOG_CAP) log.lastElementChild.remove();
  received += 1;
  $('live-count').textContent = String(received);
}

$('stop').addEventListener('click', () => sub?.stop());
$('clear-log').addEventListener('click', () => {
  $('live-log').replaceChildren();
  received = 0;
  $('live-count').textContent = '0';
});

// ---------------------------------------------------------------- schema, docs, start-up

const schema = new SchemaView({
  container: $('schema-view'),
  status: $('schema-status'),
  jump: $('type-jump'),
  graphql: graphqlJson,
});
$('schema-reload').addEventListener('click', () => schema.load());

// Show this server's real base URL in the documentation and curl examples.
const base = new URL('.', location.href).href;
document.querySelectorAll('.js-base').forEach((node) => { node.textContent = base; });

renderSession();
schema.clear();
auth.restore();
pollHealth();
setInterval(pollHealth, HEALTH_EVERY_MS);
setInterval(tick, 1000);
