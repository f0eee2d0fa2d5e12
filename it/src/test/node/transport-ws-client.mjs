// Drives Vakt with graphql-ws@6.4.2 (the `graphql-transport-ws` subprotocol). Options as legacy-client.mjs.
import { createClient } from 'graphql-ws';
import { emit, options, RecordingWebSocket, postJson, apiBase, deadline, takeFor } from './common.mjs';

const opts = options();
const timer = deadline(opts.timeoutMs ?? 20000);
let token = opts.token;
let round = 0;
let finished = false;

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
      if (finished) return;
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
      if (message === 'INVALID_AUTH_TOKEN' && opts.refresh && thisRound === 1) {
        const answer = await postJson(`${apiBase(opts.url)}/login/refresh`, { refreshToken: opts.refresh.refreshToken }, token);
        emit({ type: 'refreshed', status: answer.status });
        if (answer.status === 200) {
          token = answer.body.authToken;
          setTimeout(connect, 50);
          return;
        }
      }
      finish();
    },
    complete: () => emit({ type: 'complete', round: thisRound }),
  });
}

function finish() {
  if (finished) return;
  finished = true;
  clearTimeout(timer);
  emit({ type: 'done' });
  setTimeout(() => process.exit(0), 100);
}

connect();
