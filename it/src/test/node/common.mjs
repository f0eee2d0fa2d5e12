// Shared helpers of the client scripts: JSON-lines output the Java tests read, HTTP login/refresh, and a
// WebSocket class that reports close codes (both client libraries hide them) and, when asked, every raw
// message the server sent (so a test can check payload shapes the libraries reshape before handing them on).
import WebSocket from 'ws';

export function emit(event) {
  process.stdout.write(JSON.stringify(event) + '\n');
}

/** What RecordingWebSocket reports besides open and close; set from the options by options(). */
const recording = { frames: false };

export function options() {
  const raw = process.argv[2];
  if (!raw) {
    console.error('usage: node <script> \'{"url": "...", ...}\'');
    process.exit(2);
  }
  const parsed = JSON.parse(raw);
  recording.frames = parsed.frames === true;
  return parsed;
}

/** A ws WebSocket that reports how the server closed it (and, with option frames, each message received). */
export class RecordingWebSocket extends WebSocket {
  constructor(url, protocols) {
    super(url, protocols);
    // registered before the client library's own listeners, so a frame is reported before its effects
    this.addEventListener('open', () => emit({ type: 'socket-open', protocol: this.protocol }));
    this.addEventListener('message', (e) => {
      if (!recording.frames) return;
      let message;
      try {
        message = JSON.parse(e.data);
      } catch {
        message = { unparsable: String(e.data) };
      }
      emit({ type: 'frame', message });
    });
    this.addEventListener('close', (e) => emit({ type: 'socket-closed', code: e.code, reason: e.reason }));
  }
}

export async function postJson(url, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export function apiBase(wsUrl) {
  return wsUrl.replace(/^ws/, 'http').replace(/\/graphql\/ws$/, '');
}

/** Ends the process after the overall time limit, so a hung test never hangs the build. */
export function deadline(ms) {
  return setTimeout(() => {
    emit({ type: 'timeout', afterMs: ms });
    process.exit(3);
  }, ms);
}

/** Messages to take in a round: `take` in the first, `takeAfterRefresh` (default `take`) after a refresh. */
export function takeFor(opts, round) {
  const take = opts.take ?? 1;
  return round > 1 ? (opts.takeAfterRefresh ?? take) : take;
}

/**
 * What both client scripts do when the server ends a subscription with INVALID_AUTH_TOKEN in the first round:
 * refresh the token over HTTP, as ArrigoLocal clients do. Returns the new access token, or null when the
 * script should stop.
 */
export async function refreshAfterExpiry(opts, round, message, token) {
  if (message !== 'INVALID_AUTH_TOKEN' || !opts.refresh || round !== 1) return null;
  const answer = await postJson(`${apiBase(opts.url)}/login/refresh`, { refreshToken: opts.refresh.refreshToken }, token);
  emit({ type: 'refreshed', status: answer.status });
  return answer.status === 200 ? answer.body.authToken : null;
}

/** Ends the script once: clears the time limit, reports done, exits. */
export function finisher(timer) {
  let finished = false;
  return {
    get finished() { return finished; },
    finish() {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      emit({ type: 'done' });
      setTimeout(() => process.exit(0), 100);
    },
  };
}
