// Test doubles shared by the shell-*.test.mjs files: a scriptable WebSocket, storage, fetch and Web Locks.
export const APP = '../../../../server/src/main/resources/webroot/app/js';

export const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until check() is truthy (polling every 5 ms), failing after `ms`. */
export async function until(check, ms = 2000, what = 'condition') {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await tick(5);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A WebSocket the test drives: open(), receive(msg), serverClose(code), fail(). Messages sent are parsed into .sent. */
export class FakeWebSocket {
  static instances = [];
  static reset() { FakeWebSocket.instances = []; }
  static last() { return FakeWebSocket.instances[FakeWebSocket.instances.length - 1]; }

  constructor(url, protocol) {
    this.url = url;
    this.requestedProtocol = protocol;
    this.protocol = '';
    this.readyState = 0;
    this.sent = [];
    this.closedWith = null;
    FakeWebSocket.instances.push(this);
  }

  send(text) { this.sent.push(JSON.parse(text)); }
  close(code, reason) { this.closedWith = { code, reason }; this.readyState = 3; }

  open() { this.readyState = 1; this.protocol = this.requestedProtocol; this.onopen?.({}); }
  receive(message) { this.onmessage?.({ data: JSON.stringify(message) }); }
  serverClose(code, reason = '') { this.readyState = 3; this.onclose?.({ code, reason, wasClean: true }); }
  fail() { this.readyState = 3; this.onclose?.({ code: 1006, reason: '', wasClean: false }); }
  sentOfType(type) { return this.sent.filter((m) => m.type === type); }
}

/** localStorage stand-in; several Auth instances sharing one play several tabs. */
export class MemoryStorage {
  constructor() { this.map = new Map(); }
  getItem(key) { return this.map.has(key) ? this.map.get(key) : null; }
  setItem(key, value) { this.map.set(key, String(value)); }
  removeItem(key) { this.map.delete(key); }
}

/** navigator.locks stand-in: one exclusive queue per name. */
export class FakeLocks {
  constructor() { this.queues = new Map(); }
  request(name, callback) {
    const previous = this.queues.get(name) ?? Promise.resolve();
    const run = previous.then(() => callback());
    this.queues.set(name, run.catch(() => {}));
    return run;
  }
}

/** A JWT with the given claims (signature is not checked by the client). */
export function jwt(claims) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.sig`;
}

/** fetch stand-in: handler(url, init) returns {status, body} or throws (a network error). Records calls. */
export function fakeFetch(handler) {
  const calls = [];
  const fn = async (url, init = {}) => {
    const call = { url: String(url), method: init.method, headers: init.headers ?? {}, body: init.body ? JSON.parse(init.body) : undefined };
    calls.push(call);
    const answer = await handler(call);
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    return {
      status: answer.status,
      ok: answer.status >= 200 && answer.status < 300,
      headers: new Headers(answer.headers ?? {}),
      text: async () => text,
    };
  };
  fn.calls = calls;
  return fn;
}
