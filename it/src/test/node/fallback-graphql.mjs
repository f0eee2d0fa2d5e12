// Subscribes to live values over Vakt's fallback transport, GraphQL over Server-Sent Events, with the real
// graphql-sse 2.6.0 client in both of its modes, and over the WebSocket path with graphql-ws for comparison.
// Options (JSON in argv[2]):
//   streamUrl (http(s)://…/arrigo/api/graphql/stream), wsUrl (ws(s)://…/arrigo/api/graphql/ws), token, badToken,
//   query, variables, watch (technicalAddress to report), timeoutMs.
// Output: one JSON object per line:
//   {type: 'value', client, address, value}      for each update of `watch` a client receives
//   {type: 'refused', client, message}           the bad token was refused
//   {type: 'unexpected', client, message}        anything else that went wrong
//   {type: 'done', client}                       a subscription completed
// The script only reports; the Java test decides what is right.
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { emit, options, deadline } from './wamp-common.mjs';

const opts = options();
deadline(opts.timeoutMs ?? 60000);

function describe(error) {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return error.map(describe).join('; ');
  if (error && typeof error === 'object') {
    if (typeof error.status === 'number') return `HTTP ${error.status} ${error.statusText ?? ''}`.trim();
    if (typeof error.message === 'string') return error.message;
    if (typeof error.code === 'number') return `close ${error.code} ${error.reason ?? ''}`.trim();
  }
  return String(error);
}

function watch(client, subscribe) {
  subscribe({ query: opts.query, variables: opts.variables }, {
    next: (result) => {
      if (result.errors) {
        emit({ type: 'unexpected', client, message: describe(result.errors) });
        return;
      }
      const data = result.data?.data;
      if (data && data.technicalAddress === opts.watch) {
        emit({ type: 'value', client, address: data.technicalAddress, value: data.value, updateType: data.type });
      }
    },
    error: (error) => emit({ type: 'unexpected', client, message: describe(error) }),
    complete: () => emit({ type: 'done', client }),
  });
}

const bearer = (token) => ({ Authorization: `Bearer ${token}` });

const single = createSseClient({ url: opts.streamUrl, singleConnection: true, headers: bearer(opts.token), retryAttempts: 0 });
const distinct = createSseClient({ url: opts.streamUrl, headers: bearer(opts.token), retryAttempts: 0 });
const ws = createWsClient({ url: opts.wsUrl, webSocketImpl: WebSocket, connectionParams: bearer(opts.token), retryAttempts: 0 });
watch('sse-single', (request, sink) => single.subscribe(request, sink));
watch('sse-distinct', (request, sink) => distinct.subscribe(request, sink));
watch('ws', (request, sink) => ws.subscribe(request, sink));

// the bad token must be refused in graphql-sse's terms: the reservation (single) or the stream (distinct) fails
for (const [client, singleConnection] of [['sse-single-bad', true], ['sse-distinct-bad', false]]) {
  const bad = createSseClient({ url: opts.streamUrl, singleConnection, headers: bearer(opts.badToken), retryAttempts: 0 });
  bad.subscribe({ query: opts.query, variables: opts.variables }, {
    next: (result) => emit({ type: 'unexpected', client, message: `a result despite the bad token: ${JSON.stringify(result)}` }),
    error: (error) => emit({ type: 'refused', client, message: describe(error) }),
    complete: () => emit({ type: 'unexpected', client, message: 'completed despite the bad token' }),
  });
}
