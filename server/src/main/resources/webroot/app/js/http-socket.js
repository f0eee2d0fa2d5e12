// http-socket.js — what the two HTTP fallbacks (graphql-sse.js, wamp-longpoll.js) share: each looks like a WebSocket
// to the connection class that owns it (readyState, protocol, onopen/onmessage/onclose/onerror, close events), so
// reconnects, re-subscribing and token rotation run unchanged over HTTP.

// called as a plain function: a browser's fetch throws "Illegal invocation" when called as a method of another object
export const browserFetch = (...args) => globalThis.fetch(...args);

/** The WebSocket-like state and ending of an HTTP-carried socket; subclasses do the requests. */
export class HttpSocket {
  /**
   * @param fetchImpl fetch, or a fake in tests
   * @param timing    the subclass's defaults, overridden by `overrides`
   */
  constructor({ fetchImpl = browserFetch, timing, overrides = {} }) {
    this.fetchImpl = fetchImpl;
    this.timing = { ...timing, ...overrides };
    this.readyState = 0;
    this.onopen = this.onmessage = this.onclose = this.onerror = null;
    this.abort = new AbortController();   // ends a request under way when the socket closes
  }

  /** Ends the socket uncleanly (a request failed), as a dropped WebSocket would. */
  fail(code, reason) {
    if (this.readyState >= 2) return;
    this.readyState = 2;
    this.abort.abort();
    this.ended(code, reason, false);
  }

  ended(code, reason, wasClean) {
    this.readyState = 3;
    // asynchronous, as a WebSocket's close event (the owner may have dropped its handlers by then)
    setTimeout(() => this.onclose?.({ code, reason, wasClean }), 0);
  }
}

/** `Base` bound to a fetch implementation and timing, as the connection classes construct sockets: `new Impl(url, protocol)`. */
export function boundSocketClass(Base, fetchImpl, timing) {
  return class extends Base {
    constructor(url, protocol) { super(url, protocol, { fetchImpl, timing }); }
  };
}
