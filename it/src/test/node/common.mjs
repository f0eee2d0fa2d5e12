// Shared helpers of the client scripts: JSON-lines output the Java tests read, HTTP login/refresh, and a
// WebSocket class that reports close codes (both client libraries hide them).
import WebSocket from 'ws';

export function emit(event) {
  process.stdout.write(JSON.stringify(event) + '\n');
}

export function options() {
  const raw = process.argv[2];
  if (!raw) {
    console.error('usage: node <script> \'{"url": "...", ...}\'');
    process.exit(2);
  }
  return JSON.parse(raw);
}

/** A ws WebSocket that reports how the server closed it. */
export class RecordingWebSocket extends WebSocket {
  constructor(url, protocols) {
    super(url, protocols);
    this.addEventListener('open', () => emit({ type: 'socket-open', protocol: this.protocol }));
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
