// Joins Vakt's WAMP router over the fallback transport, HTTP long-poll, with AutobahnJS 22.11.1's own `longpoll`
// transport (Node has no XMLHttpRequest, so the pure-JS xhr2 provides one), and compares with a WebSocket session.
// Options (JSON in argv[2]):
//   longpollUrl (http(s)://…/arrigo/api/wamp/longpoll), wsUrl, username, token (access token, the ticket),
//   account, overviewPath (Base64 path of a view with ServerSideFunctions), timeoutMs.
// Output: one JSON object per line: joined, result, event, refused, closed, unexpected (see the Java test).
import XMLHttpRequest from 'xhr2';
import autobahn from 'autobahn';
import { emit, options, deadline, within, describe } from './wamp-common.mjs';

globalThis.XMLHttpRequest = XMLHttpRequest;
const opts = options();
deadline(opts.timeoutMs ?? 60000);
const ssf = (name) => `accounts.${opts.account ?? 'demo'}.services.ssf.${name}`;
const TOPIC = 'com.example.fallback.news';

/** Resolves with {connection, session, details, closed} once joined; rejects with the ABORT when refused. */
function join(label, transport, ticket) {
  let closedResolve;
  const closed = new Promise((resolve) => { closedResolve = resolve; });
  let opened = false;
  const connection = new autobahn.Connection({
    transports: [transport],
    realm: 'realm1',
    authmethods: ['ticket'],
    authid: opts.username,
    onchallenge: () => ticket,
    max_retries: 0,
    retry_if_unreachable: false,
    on_internal_error: (error, message) => emit({ type: 'unexpected', label, message: `${message} ${describe(error)}` }),
    on_user_error: (error, message) => emit({ type: 'unexpected', label, message: `${message} ${describe(error)}` }),
  });
  const joined = new Promise((resolve, reject) => {
    connection.onopen = (session, details) => {
      opened = true;
      resolve({ connection, session, details, closed });
    };
    connection.onclose = (reason, details) => {
      closedResolve({ reason, details });
      if (!opened) reject({ reason, wampReason: details?.reason, message: details?.message });
      return true; // never reconnect
    };
  });
  connection.open();
  return within(15000, joined, `WELCOME for ${label}`);
}

// Autobahn's defaults as they come: its request_timeout (12 s) is above the server's long-poll wait (10 s)
const longpoll = { type: 'longpoll', url: opts.longpollUrl };
const websocket = { type: 'websocket', url: opts.wsUrl };
const plain = (result) => (result instanceof autobahn.Result ? { args: result.args, kwargs: result.kwargs } : { args: [result] });

try {
  const lp = await join('longpoll', longpoll, opts.token);
  emit({ type: 'joined', label: 'longpoll', transport: lp.details.transport?.type ?? lp.connection.transport?.info?.type,
    authid: lp.details.authid, authrole: lp.details.authrole });

  emit({ type: 'result', what: 'info', ...plain(await lp.session.call(ssf('info'))) });
  emit({ type: 'result', what: 'add', ...plain(await lp.session.call(ssf('execute'), [opts.overviewPath, 'add'], { a: 2, b: 3 })) });

  // an event published over the WebSocket reaches the long-poll subscriber, and the other way round
  const ws = await join('websocket', websocket, opts.token);
  emit({ type: 'joined', label: 'websocket', transport: 'websocket', authid: ws.details.authid });
  const got = { longpoll: null, websocket: null };
  const arrived = { longpoll: null, websocket: null };
  for (const [label, conn] of [['longpoll', lp], ['websocket', ws]]) {
    arrived[label] = new Promise((resolve) => { got[label] = resolve; });
    await conn.session.subscribe(TOPIC, (args, kwargs) => {
      emit({ type: 'event', label, args, kwargs });
      got[label]();
    });
  }
  await ws.session.publish(TOPIC, ['from-websocket'], {}, { acknowledge: true, exclude_me: true });
  await within(10000, arrived.longpoll, 'event over long-poll');
  await lp.session.publish(TOPIC, ['from-longpoll'], {}, { acknowledge: true, exclude_me: true });
  await within(10000, arrived.websocket, 'event over WebSocket');

  ws.connection.close();
  lp.connection.close();
  const end = await within(10000, lp.closed, 'close of the long-poll session');
  emit({ type: 'closed', label: 'longpoll', reason: end.reason });

  try {
    await join('longpoll-bad', longpoll, 'not-a-token');
    emit({ type: 'unexpected', label: 'longpoll-bad', message: 'joined with a bad ticket' });
  } catch (refused) {
    emit({ type: 'refused', label: 'longpoll-bad', wampReason: refused.wampReason, message: refused.message });
  }
  await within(5000, ws.closed, 'close of the WebSocket session');
  emit({ type: 'finished' });
  process.exit(0);
} catch (error) {
  emit({ type: 'unexpected', message: describe(error) });
  process.exit(1);
}
