// wamp-longpoll.js — function calls over HTTP when WebSockets are blocked: the WAMP long-poll transport (as
// Autobahn|JS's `longpoll` transport speaks it) at /arrigo/api/wamp/longpoll (docs/fallback-transports.md).
//
//   POST longpoll/open      {"protocols": ["wamp.2.json"]}  → {"transport": "<id>", "protocol": "wamp.2.json"}
//   POST longpoll/<id>/send     one WAMP message (JSON text)  → 2xx
//   POST longpoll/<id>/receive  waits up to fallback.longPollWait → the next message(s), or an empty body
//   POST longpoll/<id>/close                                  → 2xx
//
// Why an adapter: LongPollSocket looks like a WebSocket (readyState, send, close, onopen/onmessage/onclose), so the
// WAMP session code in wamp.js — HELLO/ticket sign-in, calls, progressive results, errors, rotation — runs over it
// unchanged. Messages are sent one at a time in order (a CALL must not overtake the AUTHENTICATE before it).
//
// Pure at import time; fetch is injectable for tests.

import { HttpSocket, boundSocketClass, browserFetch } from './http-socket.js';

export const TIMING = Object.freeze({
  requestTimeoutMs: 15_000,    // open, send, close
  receiveTimeoutMs: 45_000,    // a receive waits up to the server's long-poll wait (10 s by default) plus slack
});

/** Several messages in one receive answer are separated by the ASCII record separator (the batched framing). */
export const SEPARATOR = '\x1e';

/** The WAMP messages (JSON texts) in one receive answer; empty when the server had nothing. */
export function splitMessages(text) {
  return String(text ?? '').split(SEPARATOR).map((m) => m.trim()).filter((m) => m !== '');
}

export class LongPollSocket extends HttpSocket {
  constructor(url, protocol, { fetchImpl = browserFetch, timing = {} } = {}) {
    super({ fetchImpl, timing: TIMING, overrides: timing });
    this.url = url.replace(/\/$/, '');     // …/arrigo/api/wamp/longpoll
    this.protocol = '';
    this.wanted = protocol;
    this.transport = null;                 // the server's transport id
    this.sending = Promise.resolve();
    this.broken = false;                   // a request failed: the transport is unusable
    this.open();
  }

  async open() {
    let answer;
    try {
      answer = await this.post(`${this.url}/open`, JSON.stringify({ protocols: [this.wanted] }), this.timing.requestTimeoutMs);
    } catch (err) {
      this.fail(1006, `no answer to POST ${this.url}/open: ${err?.message ?? err}`);
      return;
    }
    if (this.readyState !== 0) return;
    const info = (() => { try { return JSON.parse(answer.text); } catch { return null; } })();
    if (!answer.ok || typeof info?.transport !== 'string' || !info.transport) {
      this.fail(1006, `the long-poll transport could not be opened: HTTP ${answer.status}${answer.text ? ` ${answer.text.slice(0, 120)}` : ''}`);
      return;
    }
    this.transport = info.transport;
    this.protocol = String(info.protocol ?? this.wanted);
    this.base = `${this.url}/${encodeURIComponent(this.transport)}`;
    this.readyState = 1;
    this.onopen?.({});
    this.receive();
  }

  send(text) {
    if (this.readyState !== 1) return;
    // one at a time, in order; a failed send ends the transport (the session cannot know what was lost)
    this.sending = this.sending.then(async () => {
      // messages queued before close() still go (a GOODBYE); after a failure nothing more can
      if (this.broken) return;
      try {
        const answer = await this.post(`${this.base}/send`, text, this.timing.requestTimeoutMs);
        if (!answer.ok) this.fail(answer.status === 404 ? 1001 : 1006, `a message could not be sent: HTTP ${answer.status}`);
      } catch (err) {
        this.fail(1006, `a message could not be sent: ${err?.message ?? err}`);
      }
    });
  }

  async receive() {
    while (this.readyState === 1) {
      let answer;
      try {
        answer = await this.post(`${this.base}/receive`, '', this.timing.receiveTimeoutMs, this.abort.signal);
      } catch (err) {
        if (this.readyState === 1) this.fail(1006, `waiting for messages failed: ${err?.message ?? err}`);
        return;
      }
      if (this.readyState !== 1) return;
      if (!answer.ok) {
        // 404: the server no longer knows the transport (its session timed out, or the server restarted)
        this.fail(answer.status === 404 ? 1001 : 1006, `waiting for messages failed: HTTP ${answer.status}`);
        return;
      }
      for (const data of splitMessages(answer.text)) {
        if (this.readyState !== 1) return;
        // after the router's GOODBYE or ABORT the server drops the transport itself: no close request then
        if (/^\[\s*(3|6)\s*,/.test(data)) this.closedByRouter = true;
        try { this.onmessage?.({ data }); } catch (err) { console.warn(`WAMP long-poll: a handler failed: ${err?.message ?? err}`); }
      }
    }
  }

  close(code = 1000, reason = '') {
    if (this.readyState >= 2) return;
    const base = this.base;
    this.readyState = 2;
    this.abort.abort();
    if (base && !this.closedByRouter) {
      // after the messages already queued (a GOODBYE), so the server sees them before the transport goes
      this.sending.then(() => this.post(`${base}/close`, '', this.timing.requestTimeoutMs)).catch(() => {});
    }
    this.ended(code, reason, true);
  }

  fail(code, reason) {
    this.broken = true;
    super.fail(code, reason);
  }

  async post(url, body, timeoutMs, signal) {
    const timeout = globalThis.AbortSignal?.timeout ? AbortSignal.timeout(timeoutMs) : undefined;
    const signals = [timeout, signal].filter(Boolean);
    const res = await this.fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === '' ? undefined : body,
      cache: 'no-store',
      credentials: 'same-origin',
      signal: signals.length > 1 && AbortSignal.any ? AbortSignal.any(signals) : signals[0],
    });
    const text = await res.text().catch(() => '');
    return { status: res.status, ok: res.ok, text };
  }
}

/** A socket class bound to a fetch implementation (WampConnection calls `new WebSocketImpl(url, protocol)`). */
export function longPollSocketClass(fetchImpl = browserFetch, timing = {}) {
  return boundSocketClass(LongPollSocket, fetchImpl, timing);
}
