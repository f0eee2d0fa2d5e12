// diagnostics.js — #/diagnostics: what THIS browser saw of its connections, for an operator chasing "values stay
// yellow" (spec §12.2): page origin and protocol, both WebSocket URLs and their states, recent attempts with close
// codes, the HTTP API's health answer, token expiry, the user agent, and a button that opens one test socket to each
// endpoint. Reachable without signing in (the page info, health and test sockets need no token).
// "What the server saw" is GET /arrigo/api/diagnostics: the client address chain, forwarded headers, TLS as the server
// saw it, and its record of recent WebSocket upgrades from this address. "Test connections" probes both WebSockets and
// both HTTP fallbacks from this browser, reads that record again and puts the two side by side with a conclusion in
// plain words (diagnostics-probe.js).
import { apiUrl, request, wsUrl } from './http.js';
import { PROTOCOL as GRAPHQL_PROTOCOL } from './graphql-ws.js';
import { PROTOCOL as WAMP_PROTOCOL } from './wamp.js';
import { FALLBACK_PATHS } from './session.js';
import { conclude, probeEventStream, probeLongPoll, probeWebSocket, serverAttempts } from './diagnostics-probe.js';

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

const time = (ms) => new Date(ms).toLocaleTimeString(undefined, { hour12: false });
const dateTime = (ms) => new Date(ms).toLocaleString(undefined, { hour12: false });

function inMinutes(ms) {
  const s = Math.round(ms / 1000);
  if (s < 0) return `${Math.abs(s)} s ago`;
  if (s < 120) return `in ${s} s`;
  return `in ${Math.round(s / 60)} min`;
}

/** A definition list from [term, value] pairs; value may be a node. */
function facts(pairs) {
  const dl = el('dl', { class: 'facts' });
  for (const [term, value] of pairs) dl.append(el('dt', { text: term }), el('dd', {}, value ?? '—'));
  return dl;
}

/** GET /arrigo/api/diagnostics: {ok, json, text}. */
async function serverView() {
  try {
    const answer = await request(apiUrl('diagnostics'), { timeoutMs: 10_000 });
    if (answer.ok && answer.json) return { ok: true, json: answer.json };
    return { ok: false, text: answer.status === 404 ? 'this server does not offer /arrigo/api/diagnostics (an older version?)'
      : `HTTP ${answer.status}: ${answer.text.slice(0, 160)}` };
  } catch (err) {
    return { ok: false, text: `no answer: ${err.message}` };
  }
}

const headerList = (headers) => {
  const entries = Object.entries(headers ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}: ${v ?? '(absent)'}`).join(' · ') : 'none';
};

export function renderDiagnostics(container, { session }) {
  const live = session.live;
  const wamp = session.wamp;
  const graphqlUrl = wsUrl('graphql/ws');
  const wampUrl = wsUrl('wamp');
  const states = el('div');
  const attempts = el('div');
  const health = el('div', {}, el('p', { text: 'Asking the server…' }));
  const tokenBox = el('div');
  const testResults = el('ul', { class: 'test-results', 'aria-live': 'polite' });
  const conclusion = el('div', { id: 'diagnostics-conclusion', 'aria-live': 'polite' });
  const serverBox = el('div', { id: 'diagnostics-server' }, el('p', { text: 'Asking the server…' }));
  const upgradesBox = el('div', { id: 'diagnostics-upgrades' });
  const testButton = el('button', { type: 'button', class: 'button', id: 'diagnostics-test', text: 'Test connections' });

  const section = el('section', { id: 'diagnostics', class: 'diagnostics' },
    el('h1', { tabindex: '-1', text: 'Connection diagnostics' }),
    el('p', { class: 'lead', text: 'What this browser saw of its connections to the server, and what the server saw of '
      + 'this browser. Live values travel over a WebSocket; where WebSockets are blocked the app switches to HTTP '
      + '(an event stream for values, long-polling for function calls) and says so in the bar at the bottom.' }),
    el('h2', { text: 'This page' }),
    facts([
      ['Origin', location.origin],
      ['Protocol', location.protocol === 'https:' ? 'https (WebSockets use wss:)'
        : 'http (WebSockets use ws:; without TLS some networks and browsers restrict them)'],
      ['Secure context', globalThis.isSecureContext ? 'yes' : 'no (tabs coordinate token refreshes without Web Locks)'],
      ['GraphQL WebSocket', graphqlUrl],
      ['WAMP WebSocket', wampUrl],
      ['Browser', navigator.userAgent],
      ['Online (browser\'s view)', navigator.onLine ? 'yes' : 'no'],
    ]),
    el('h2', { text: 'Connections' }), states,
    el('h2', { text: 'Test' }),
    el('p', { text: 'Opens one test WebSocket to each endpoint, an HTTP event stream and a long-poll transport, closes '
      + 'them again, and compares what this browser saw with what the server recorded of the same attempts.' }),
    el('p', {}, testButton), conclusion, testResults,
    el('h2', { text: 'What the server saw' }), serverBox,
    el('h3', { text: 'WebSocket upgrades the server recorded from this address' }), upgradesBox,
    el('h2', { text: 'HTTP API' }), health,
    el('h2', { text: 'Sign-in' }), tokenBox,
    el('h2', { text: 'Recent connection attempts' }), attempts,
  );
  container.removeAttribute('aria-busy');
  container.replaceChildren(section);

  const stateText = (c) => {
    const words = { open: 'open', connecting: 'connecting', reconnecting: 'reconnecting', unsupported: 'cannot be opened (unsupported)' }[c.state] ?? c.state;
    const retry = c.nextRetryAt ? `; next attempt ${inMinutes(c.nextRetryAt - Date.now())}` : '';
    return `${words}${retry}${c.lastError ? ` — last problem: ${c.lastError}` : ''}`;
  };

  const transportText = (c) => {
    if (c.transport !== 'fallback') return `the WebSocket (${c.transports.websocket.url})`;
    const probe = c.nextProbeAt ? `; WebSocket tried again ${inMinutes(c.nextProbeAt - Date.now())}` : '';
    return `the ${c.transports.fallback.label} (${c.transports.fallback.url}) — ${c.policy.reason ?? 'WebSockets are blocked'}${probe}`;
  };

  const drawStates = () => {
    const signedIn = session.signedIn;
    const welcome = wamp.welcome;
    states.replaceChildren(facts([
      ['Live values (GraphQL)', signedIn ? stateText(live) : 'not connected (signed out)'],
      ['Function calls (WAMP)', signedIn ? stateText(wamp) : 'not connected (signed out)'],
      ['Live values travel over', transportText(live)],
      ['Function calls travel over', transportText(wamp)],
      ['WAMP session', welcome ? `${welcome.authid ?? '?'} (${welcome.authrole ?? '?'})` : '—'],
      ['Active subscriptions', String(live.subscriptions.size)],
    ]));
  };

  const drawAttempts = () => {
    const rows = [
      ...live.log.map((entry) => ({ ...entry, which: 'GraphQL' })),
      ...wamp.log.map((entry) => ({ ...entry, which: 'WAMP' })),
    ].sort((a, b) => b.at - a.at).slice(0, 40);
    if (!rows.length) { attempts.replaceChildren(el('p', { text: 'None yet.' })); return; }
    const body = el('tbody');
    for (const r of rows) {
      body.append(el('tr', { 'data-outcome': r.outcome },
        el('td', { text: time(r.at) }), el('td', { text: `${r.which}${r.transport === 'fallback' ? ' (HTTP)' : ''}` }),
        el('td', { text: r.outcome }),
        el('td', { text: r.code ?? '' }), el('td', { text: r.text ?? r.reason ?? '' })));
    }
    attempts.replaceChildren(el('div', { class: 'table-scroll' }, el('table', { class: 'attempts' },
      el('thead', {}, el('tr', {}, ...['Time', 'Connection', 'Outcome', 'Close code', 'Details']
        .map((h) => el('th', { scope: 'col', text: h })))), body)));
  };

  const drawToken = () => {
    const auth = session.auth;
    const expires = auth.expiresAt;
    tokenBox.replaceChildren(facts([
      ['User', session.user?.name ?? 'not signed in'],
      ['Access token expires', expires ? `${dateTime(expires)} (${inMinutes(expires - Date.now())})` : '—'],
      ['Token refresh', auth.usesLocks ? 'coordinated between tabs with Web Locks'
        : 'coordinated between tabs through storage (no Web Locks here)'],
      ['Last refresh problem', auth.lastRefreshError ?? 'none'],
    ]));
  };

  const checkHealth = async () => {
    const started = performance.now();
    try {
      const answer = await request(apiUrl('health'), { timeoutMs: 10_000 });
      const ms = Math.round(performance.now() - started);
      health.replaceChildren(facts([
        ['GET /arrigo/api/health', `HTTP ${answer.status} in ${ms} ms: ${answer.text.slice(0, 200)}`],
        ['Server version', answer.headers.get('X-Vakt-Version') ?? 'not reported'],
      ]));
    } catch (err) {
      health.replaceChildren(facts([['GET /arrigo/api/health', `no answer: ${err.message}`]]));
    }
  };

  const drawServer = (view) => {
    if (!view.ok) {
      serverBox.replaceChildren(el('p', { text: `Not available: ${view.text}` }));
      upgradesBox.replaceChildren();
      return;
    }
    const { client = {}, request: req = {}, server: info = {} } = view.json;
    const tls = req.tls;
    serverBox.replaceChildren(facts([
      ['Your address (as the server uses it)', client.address],
      ['Connection from', `${client.peer ?? '?'}${client.viaTrustedProxy ? ' (a trusted proxy)' : ''}`],
      ['Address chain (client first)', Array.isArray(client.chain) ? client.chain.join(' → ') : null],
      ['Forwarding headers', `${headerList(req.forwardedHeaders)}${client.untrustedForwardedHeaders
        ? ' — ignored: they came from an address not in proxy.trusted' : ''}`],
      ['Request as the server saw it', `${req.scheme ?? '?'}://${req.host ?? '?'}${req.port ? `:${req.port}` : ''} over ${req.httpVersion ?? '?'}`],
      ['Upgrade headers of this request', headerList(req.upgradeHeaders)],
      ['TLS at the server', tls ? `${tls.protocol ?? '?'}, ${tls.cipherSuite ?? '?'}${tls.sniHost ? `, name ${tls.sniHost}` : ''}`
        : 'none: the server\'s own listener is plain HTTP (TLS, if any, ends at a proxy in front of it)'],
      ['Server version and time', `${info.version ?? '?'} · ${info.time ?? '?'}`],
      ['WebSocket ping', info.webSocketPingSeconds ? `every ${info.webSocketPingSeconds} s` : null],
      ['HTTP fallbacks', info.fallback ? (info.fallback.enabled ? `on (${info.fallback.graphqlSse}, ${info.fallback.wampLongPoll})` : 'turned off on the server') : null],
      ['Allowed cross-origin pages', Array.isArray(info.allowedOrigins) && info.allowedOrigins.length ? info.allowedOrigins.join(', ') : 'none (same origin only)'],
    ]));
    drawUpgrades(view.json.recentUpgrades);
  };

  const drawUpgrades = (list, since = null) => {
    const rows = Array.isArray(list) ? list : [];
    if (!rows.length) { upgradesBox.replaceChildren(el('p', { text: 'None in the last 10 minutes.' })); return; }
    const body = el('tbody');
    for (const u of rows) {
      const fresh = since && Date.parse(u.at) >= Date.parse(since) - 1000;
      body.append(el('tr', { 'data-outcome': u.outcome, 'data-test': fresh ? 'true' : null },
        el('td', { text: u.at ? time(Date.parse(u.at)) : '' }), el('td', { text: u.endpoint ?? '' }),
        el('td', { text: u.upgradeHeader ? 'yes' : 'no' }), el('td', { text: u.connection ?? '(absent)' }),
        el('td', { text: Array.isArray(u.subprotocols) ? u.subprotocols.join(', ') : '' }),
        el('td', { text: u.origin ?? '' }), el('td', { text: `${u.outcome ?? ''}${fresh ? ' (this test)' : ''}` })));
    }
    upgradesBox.replaceChildren(el('div', { class: 'table-scroll' }, el('table', { class: 'attempts upgrades' },
      el('thead', {}, el('tr', {}, ...['Time', 'Endpoint', 'Upgrade header arrived', 'Connection', 'Subprotocols', 'Origin', 'Outcome']
        .map((h) => el('th', { scope: 'col', text: h })))), body)));
  };

  const refreshServer = async () => {
    const view = await serverView();
    drawServer(view);
    return view;
  };

  testButton.addEventListener('click', async () => {
    testButton.disabled = true;
    testButton.setAttribute('aria-busy', 'true');
    conclusion.replaceChildren();
    testResults.replaceChildren(el('li', { text: 'Testing…' }));
    const before = await serverView();
    const since = before.ok ? before.json?.server?.time ?? null : null;
    let token = null;
    if (session.signedIn) {
      try { token = await session.token(); } catch { token = null; }
    }
    const [g, w, sse, lp] = await Promise.all([
      probeWebSocket(graphqlUrl, GRAPHQL_PROTOCOL),
      probeWebSocket(wampUrl, WAMP_PROTOCOL),
      probeEventStream(apiUrl(FALLBACK_PATHS.graphql), token),
      probeLongPoll(apiUrl(FALLBACK_PATHS.wamp)),
    ]);
    const after = await refreshServer();
    const serverJson = after.ok ? after.json : null;
    const seen = (path) => {
      if (!serverJson) return '';
      const list = serverAttempts(serverJson, path, since);
      return list.length ? ` — server: ${list.map((a) => `${a.outcome} (Upgrade header ${a.upgradeHeader ? 'arrived' : 'missing'})`).join(', ')}`
        : ' — server: no record of it';
    };
    const line = (name, r, extra = '') => el('li', { 'data-ok': String(Boolean(r.ok)), 'data-probe': r.kind },
      el('strong', { text: `${name}: ${r.skipped ? 'not tested' : r.ok ? 'works' : 'failed'}` }), ` — ${r.url} — ${r.text}${extra}`);
    testResults.replaceChildren(
      line('GraphQL WebSocket', g, seen('/arrigo/api/graphql/ws')),
      line('WAMP WebSocket', w, seen('/arrigo/api/wamp')),
      line('GraphQL over HTTP event stream', sse),
      line('WAMP over HTTP long-poll', lp));
    if (serverJson) drawUpgrades(serverJson.recentUpgrades, since);
    const verdict = conclude({ browser: { graphql: g, wamp: w, sse, longpoll: lp }, server: serverJson, since });
    conclusion.replaceChildren(
      el('p', { class: 'conclusion', 'data-ok': String(verdict.ok) }, el('strong', { text: verdict.summary })),
      el('ul', { class: 'findings' }, ...verdict.findings.map((f) => el('li', { 'data-level': f.level, text: f.text }))));
    testButton.disabled = false;
    testButton.removeAttribute('aria-busy');
  });

  const redraw = () => { drawStates(); drawToken(); };
  const onLog = () => drawAttempts();
  for (const c of [live, wamp]) {
    c.addEventListener('statechange', redraw);
    c.addEventListener('transportchange', redraw);
    c.addEventListener('log', onLog);
  }
  const ticker = setInterval(redraw, 1000);
  redraw();
  drawAttempts();
  checkHealth();
  refreshServer();

  return {
    dispose() {
      clearInterval(ticker);
      for (const c of [live, wamp]) {
        c.removeEventListener('statechange', redraw);
        c.removeEventListener('transportchange', redraw);
        c.removeEventListener('log', onLog);
      }
    },
  };
}
