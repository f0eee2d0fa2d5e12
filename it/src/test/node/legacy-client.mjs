// Drives Vakt with subscriptions-transport-ws@0.11.0 (the legacy `graphql-ws` subprotocol ArrigoLocal
// clients speak). Options (JSON in argv[2]):
//   url, token, query, variables, take (messages before stopping), timeoutMs,
//   refresh: {refreshToken} — on INVALID_AUTH_TOKEN, refresh over HTTP and subscribe again (as the vendor
//   client does), then take `takeAfterRefresh` (default `take`) more messages,
//   frames: true — also report every raw server message as {"type":"frame","message":…}.
import { SubscriptionClient } from 'subscriptions-transport-ws';
import { emit, options, RecordingWebSocket, deadline, takeFor, refreshAfterExpiry, finisher } from './common.mjs';

const opts = options();
const end = finisher(deadline(opts.timeoutMs ?? 20000));
let token = opts.token;
let round = 0;

function connect() {
  round += 1;
  const thisRound = round;
  const client = new SubscriptionClient(opts.url, {
    reconnect: false,
    connectionParams: { Authorization: `Bearer ${token}` },
    connectionCallback: (error) => emit({ type: error ? 'connection-error' : 'connected', round: thisRound, error }),
  }, RecordingWebSocket);
  let received = 0;
  client.request({ query: opts.query, variables: opts.variables ?? {} }).subscribe({
    next: (result) => {
      if (end.finished) return;
      received += 1;
      emit({ type: 'data', round: thisRound, result });
      if (received >= takeFor(opts, thisRound)) {
        client.close();
        finish();
      }
    },
    error: async (error) => {
      emit({ type: 'error', round: thisRound, error: Array.isArray(error) ? error : { message: error.message ?? error } });
      const message = Array.isArray(error) ? error[0]?.message : error.message;
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
