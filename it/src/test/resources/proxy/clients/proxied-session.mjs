// One long-lived client session through a reverse proxy, for io.vakt.it.proxy.ProxiedSessionsIT.
// Copied next to a node_modules link by the Java side (ProxiedSession), so the packages of it/src/test/node resolve.
//
// Options (JSON in argv[2]):
//   kind: "graphql-transport-ws" (graphql-ws 6.4.2) | "graphql-ws" (subscriptions-transport-ws 0.11.0, the legacy
//         subprotocol) | "wamp" (AutobahnJS 22.11.1)
//   url, token; GraphQL: query, variables, address (the technical address whose updates count as live values);
//   WAMP: serializer ("json" | "msgpack"), serviceKey, procedure, topic; timeoutMs.
// Phase 1 runs at once and ends with {"type":"ready"}: GraphQL receives two values of `address`, then unsubscribes
// and leaves the socket idle; WAMP joins a service session (registers `procedure`, subscribes `topic`) and a user
// session, which calls and publishes once. Then nothing is sent by the client. When the Java side writes a line
// "check" to stdin, phase 2 proves the SAME sockets still work (GraphQL: a new subscription delivers a value; WAMP:
// a call and an event, on sessions with the same ids) and ends with {"type":"checked", opens, closes}; opens counts
// GraphQL sockets (AutobahnJS keeps its socket to itself: its sessions' ids and the absence of closes tell instead).
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { SubscriptionClient } from 'subscriptions-transport-ws';
import autobahn from 'autobahn';

const opts = JSON.parse(process.argv[2]);
const sockets = { opens: 0, closes: [] };
const timer = setTimeout(() => {
  emit({ type: 'timeout', afterMs: opts.timeoutMs });
  process.exit(3);
}, opts.timeoutMs ?? 300000);

function emit(event) {
  process.stdout.write(JSON.stringify(event, (k, v) => (typeof v === 'bigint' ? Number(v) : v)) + '\n');
}

function fail(what, error) {
  emit({ type: 'failed', what, error: String(error?.message ?? JSON.stringify(error)) });
  process.exit(1);
}

/** A ws WebSocket that counts its openings and reports every close: the proof that no reconnect happened. */
class CountingWebSocket extends WebSocket {
  constructor(url, protocols) {
    super(url, protocols);
    this.addEventListener('open', () => {
      sockets.opens += 1;
      emit({ type: 'socket-open', protocol: this.protocol });
    });
    this.addEventListener('close', (e) => {
      sockets.closes.push({ code: e.code, reason: e.reason });
      emit({ type: 'socket-closed', code: e.code, reason: e.reason });
    });
  }
}

/** Resolves on the line "check" from the Java side. */
function awaitCheck() {
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin });
    lines.on('line', (line) => {
      if (line.trim() === 'check') {
        lines.close();
        resolve();
      }
    });
  });
}

function finish(extra) {
  emit({ type: 'checked', opens: sockets.opens, closes: sockets.closes, ...extra });
  clearTimeout(timer);
  setTimeout(() => process.exit(0), 100);
}

/** Subscribes through `subscribe(onValue)` and resolves with the first `count` values of opts.address. */
function takeValues(subscribe, count, phase) {
  return new Promise((resolve, reject) => {
    const values = [];
    const stop = subscribe((result) => {
      const variable = result?.data?.data;
      if (result?.errors) reject(new Error(JSON.stringify(result.errors)));
      if (!variable || variable.technicalAddress !== opts.address) return;
      values.push(variable);
      emit({ type: 'value', phase, variable });
      if (values.length === count) {
        stop();
        resolve(values);
      }
    }, reject);
  });
}

async function graphqlTransportWs() {
  const client = createClient({
    url: opts.url,
    webSocketImpl: CountingWebSocket,
    connectionParams: { Authorization: `Bearer ${opts.token}` },
    lazy: false, // keep the socket open while no subscription runs: the idle phase
    retryAttempts: 0,
    onNonLazyError: (error) => fail('connection', error),
  });
  const subscribe = (onValue, onError) => client.subscribe(
    { query: opts.query, variables: opts.variables },
    { next: onValue, error: onError, complete: () => {} });
  await takeValues(subscribe, 2, 1);
  emit({ type: 'ready' });
  await awaitCheck();
  await takeValues(subscribe, 1, 2);
  finish({});
}

async function legacyGraphqlWs() {
  const client = new SubscriptionClient(opts.url, {
    reconnect: false,
    connectionParams: { Authorization: `Bearer ${opts.token}` },
    connectionCallback: (error) => { if (error) fail('connection_init', error); },
  }, CountingWebSocket);
  const subscribe = (onValue, onError) => {
    const subscription = client.request({ query: opts.query, variables: opts.variables })
      .subscribe({ next: onValue, error: onError, complete: () => {} });
    return () => subscription.unsubscribe();
  };
  await takeValues(subscribe, 2, 1);
  emit({ type: 'ready' });
  await awaitCheck();
  await takeValues(subscribe, 1, 2);
  finish({});
}

function join(label, authid) {
  return new Promise((resolve, reject) => {
    const connection = new autobahn.Connection({
      url: opts.url,
      realm: 'realm1',
      serializers: [opts.serializer === 'msgpack'
        ? new autobahn.serializer.MsgpackSerializer() : new autobahn.serializer.JSONSerializer()],
      authmethods: ['anonymous'],
      authid,
      max_retries: 0,
      retry_if_unreachable: false,
    });
    let joined = false;
    connection.onopen = (session, details) => {
      joined = true;
      emit({ type: 'joined', label, session: session.id, authrole: details.authrole });
      resolve(session);
    };
    connection.onclose = (reason, details) => {
      sockets.closes.push({ label, reason, wampReason: details?.reason });
      emit({ type: 'session-closed', label, reason, details: details?.reason });
      if (!joined) reject(new Error(`${label} not joined: ${reason} ${details?.reason ?? ''} ${details?.message ?? ''}`));
      return true; // never reconnect: a reconnect would hide a dropped session
    };
    connection.open();
  });
}

async function wamp() {
  const service = await join('service', opts.serviceKey);
  const user = await join('user', opts.token);
  const events = [];
  let eventArrived = () => {};
  await service.register(opts.procedure, (args) => new autobahn.Result(['echo', ...args]));
  await service.subscribe(opts.topic, (args) => {
    events.push(args[0]);
    emit({ type: 'event', payload: args[0] });
    eventArrived();
  });
  const exchange = async (phase) => {
    const result = await user.call(opts.procedure, [phase]);
    emit({ type: 'result', phase, args: result instanceof autobahn.Result ? result.args : [result] });
    const arrived = new Promise((resolve) => { eventArrived = resolve; });
    await user.publish(opts.topic, [phase], {}, { acknowledge: true });
    await arrived;
  };
  await exchange('before-idle');
  emit({ type: 'ready', sessions: { service: service.id, user: user.id } });
  await awaitCheck();
  await exchange('after-idle');
  finish({ sessions: { service: service.id, user: user.id }, events });
}

const run = { 'graphql-transport-ws': graphqlTransportWs, 'graphql-ws': legacyGraphqlWs, wamp }[opts.kind];
if (!run) fail('options', `unknown kind ${opts.kind}`);
run().catch((error) => fail(opts.kind, error));
