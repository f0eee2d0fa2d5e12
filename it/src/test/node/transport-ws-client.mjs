// Drives Vakt with graphql-ws@6.4.2 (the `graphql-transport-ws` subprotocol). Options as legacy-client.mjs.
import { createClient } from 'graphql-ws';
import { emit, options, RecordingWebSocket, deadline, takeFor, refreshAfterExpiry, finisher } from './common.mjs';

const opts = options();
const end = finisher(deadline(opts.timeoutMs ?? 20000));
let token = opts.token;
let round = 0;

function connect() {
  round += 1;
  const thisRound = round;
  const client = createClient({
    url: opts.url,
    webSocketImpl: RecordingWebSocket,
    connectionParams: () => ({ Authorization: `Bearer ${token}` }),
    retryAttempts: 0,
    lazy: true,
    on: { connected: () => emit({ type: 'connected', round: thisRound }) },
  });
  let received = 0;
  client.subscribe({ query: opts.query, variables: opts.variables ?? {} }, {
    next: (result) => {
      if (end.finished) return;
      received += 1;
      emit({ type: 'data', round: thisRound, result });
      if (received >= takeFor(opts, thisRound)) {
        client.dispose();
        finish();
      }
    },
    error: async (error) => {
      const detail = Array.isArray(error) ? error
        : error instanceof Error ? { message: error.message }
        : { code: error.code, reason: error.reason };
      emit({ type: 'error', round: thisRound, error: detail });
      const message = Array.isArray(error) ? error[0]?.message : undefined;
      const refreshed = await refreshAfterExpiry(opts, thisRound, message, token);
      if (refreshed) {
        token = refreshed;
        setTimeout(connect, 50);
        return;
      }
      finish();
    },
    complete: () => emit({ type: 'complete', round: thisRound }),
  });
}

function finish() {
  end.finish();
}

connect();
