// connection-bar.js — the bar that says whether live values reach this browser (contract "Connection bar").
// #connection-bar[data-state=online|connecting|reconnecting|unsupported], hidden only when online; the same word on
// body[data-connection] so styles (and F2's stale marking) can follow it. It follows the GraphQL live connection,
// which is what keeps values fresh; a WAMP-only outage (function calls) shows as a notice instead, because values
// are still live then.
// #connection-bar[data-transport=websocket|fallback] and body[data-transport] say how live values travel: while they
// come over the HTTP fallback (WebSockets blocked, graphql-sse.js) the bar stays visible with a calm notice and a
// link to the diagnostics page, even though data-state is 'online'.
import { notify } from './notify.js';

const STATE_OF = { open: 'online', connecting: 'connecting', reconnecting: 'reconnecting', unsupported: 'unsupported' };
const WAMP_NOTICE_DELAY_MS = 5_000;
export const FALLBACK_TEXT = 'Live values over HTTP streaming — WebSockets are blocked between this browser and the server.';

/** "in 7 s", "in 1 min 5 s", "now". */
export function inWords(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s === 0) return 'now';
  if (s < 60) return `in ${s} s`;
  const m = Math.floor(s / 60);
  return `in ${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
}

export function mountConnectionBar(bar, session) {
  const live = session.live;
  bar.setAttribute('role', 'status');
  bar.innerHTML = '';
  const message = document.createElement('span');
  message.className = 'bar-message';
  const countdown = document.createElement('span');
  countdown.className = 'bar-countdown';
  countdown.setAttribute('aria-hidden', 'true');   // a live region must not announce every second
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.className = 'bar-retry';
  retry.textContent = 'Retry now';
  retry.addEventListener('click', () => { live.retryNow(); session.wamp.retryNow(); });
  const link = document.createElement('a');
  link.href = '#/diagnostics';
  link.className = 'bar-link';
  link.textContent = 'Connection diagnostics';
  bar.append(message, countdown, retry, link);
  let ticker = null;
  let shown = null;

  const render = () => {
    const signedIn = session.signedIn;
    const state = STATE_OF[live.state] ?? 'connecting';
    const transport = live.transport === 'fallback' ? 'fallback' : 'websocket';
    const onFallback = state === 'online' && transport === 'fallback';
    bar.dataset.state = state;
    bar.dataset.transport = transport;
    document.body.dataset.connection = state;
    document.body.dataset.transport = transport;
    bar.hidden = (state === 'online' && !onFallback) || !signedIn;
    const shownNow = onFallback ? 'fallback' : state;
    if (shown !== shownNow) {
      shown = shownNow;
      message.textContent = onFallback ? FALLBACK_TEXT : {
        online: 'Live values are connected.',
        connecting: 'Connecting to live values…',
        reconnecting: 'Connection to the server lost — the values shown may be out of date. Reconnecting',
        unsupported: 'Live values cannot reach this browser: the WebSocket to /arrigo/api/graphql/ws cannot be '
          + 'opened although the server answers. Likely causes: a proxy that does not pass WebSocket upgrades, '
          + 'a firewall, or a certificate the browser does not trust. Still retrying every half minute.',
      }[state];
    }
    tick();
    retry.hidden = !(state === 'reconnecting' || state === 'unsupported') || live.nextRetryAt === null;
    link.hidden = state !== 'unsupported' && state !== 'reconnecting' && !onFallback;
    clearInterval(ticker);
    ticker = state === 'reconnecting' && live.nextRetryAt ? setInterval(tick, 1000) : null;
  };

  const tick = () => {
    if (live.state !== 'reconnecting') { countdown.textContent = ''; return; }
    countdown.textContent = live.nextRetryAt === null ? ' now…' : ` ${inWords(live.nextRetryAt - Date.now())}.`;
  };

  live.addEventListener('statechange', render);
  live.addEventListener('transportchange', render);
  session.addEventListener('signedin', render);
  session.addEventListener('signedout', render);
  render();

  // function calls: a notice when the WAMP session stays down while values are fine (when values are down too,
  // the bar says it all)
  let wampTimer = null;
  let wampNotice = null;
  const wampProblem = () => session.signedIn && live.state === 'open' && session.wamp.state !== 'open';
  const wampKind = () => (session.wamp.state === 'unsupported' ? 'error' : 'progress');
  const wampText = () => (session.wamp.state === 'unsupported'
    ? 'Function calls are unavailable: the WebSocket to /arrigo/api/wamp cannot be opened (see Connection diagnostics).'
    : 'Function calls are reconnecting to the server…');
  const wampWatch = () => {
    if (!wampProblem()) {
      clearTimeout(wampTimer);
      wampTimer = null;
      wampNotice?.close();
      wampNotice = null;
    } else if (wampNotice) {
      wampNotice.update(wampText(), wampKind());
    } else if (!wampTimer) {
      wampTimer = setTimeout(() => {
        wampTimer = null;
        if (wampProblem()) wampNotice = notify(wampText(), { kind: wampKind(), key: 'wamp-connection' });
      }, WAMP_NOTICE_DELAY_MS);
    }
  };
  session.wamp.addEventListener('statechange', wampWatch);
  live.addEventListener('statechange', wampWatch);
  session.addEventListener('signedout', wampWatch);
}
