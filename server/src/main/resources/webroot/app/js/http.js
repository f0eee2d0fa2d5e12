// http.js — URLs of the API and small fetch helpers that turn every failure into a typed error with words.
// Pure at import time (no document/window access), so Node tests can import the modules that use it.

/** The folder the app is served from (…/arrigo/), taken from the page, so a proxy prefix keeps working. */
export function appBase() {
  const here = new URL(globalThis.location.href);
  here.hash = '';
  here.search = '';
  return new URL('./', here);
}

/** An HTTP URL under /arrigo/api/, e.g. apiUrl('login') → https://host/arrigo/api/login. */
export function apiUrl(path, base = appBase()) {
  return new URL(`api/${path}`, base).href;
}

/** A WebSocket URL under /arrigo/api/, e.g. wsUrl('graphql/ws') → wss://host/arrigo/api/graphql/ws. */
export function wsUrl(path, base = appBase()) {
  const url = new URL(`api/${path}`, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/** The server could not be reached at all (down, restarting, offline, blocked) — no HTTP answer. */
export class NetworkError extends Error {
  constructor(message = 'The server cannot be reached.', cause) {
    super(message);
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

/** The server answered with an HTTP error status. `code` is Vakt's error code from the body when present. */
export class HttpError extends Error {
  constructor(status, message, { code = null, body = null, headers = null } = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.body = body;
    this.headers = headers;
  }
}

/** GraphQL answered with errors; errors[i].extensions.code names the fault where the server gives one. */
export class GraphqlError extends Error {
  constructor(errors, data = null) {
    const list = Array.isArray(errors) ? errors : [];
    super(list.map((e) => e?.message).filter(Boolean).join('; ') || 'The server reported an error.');
    this.name = 'GraphqlError';
    this.errors = list;
    this.data = data;
  }

  /** The first error's extensions.code, or null. */
  get code() { return this.errors.find((e) => e?.extensions?.code)?.extensions.code ?? null; }
}

export function tryJson(text) {
  try { return JSON.parse(text); } catch { return null; }
}

/** Vakt answers errors as {"error": "...", "code": "..."}; fall back to the status line. */
export function describeHttpError(status, json) {
  if (json && typeof json.error === 'string' && json.error) return json.error;
  if (status === 401) return 'Not signed in or the sign-in has expired.';
  if (status === 403) return 'Not allowed.';
  if (status === 429) return 'Too many requests; the server asks to wait.';
  if (status >= 500) return `The server had a problem (HTTP ${status}).`;
  return `The server answered HTTP ${status}.`;
}

/**
 * fetch() that never throws a bare TypeError: a missing answer becomes NetworkError, a timeout too.
 * Returns { status, ok, json, text, headers }.
 */
export async function request(url, { method = 'GET', body, token, timeoutMs = 30_000, fetchImpl = globalThis.fetch } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetchImpl(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'same-origin',
      signal: timeoutMs && globalThis.AbortSignal?.timeout ? AbortSignal.timeout(timeoutMs) : undefined,
    });
  } catch (err) {
    const timedOut = err?.name === 'TimeoutError' || err?.name === 'AbortError';
    throw new NetworkError(timedOut ? `The server did not answer within ${Math.round(timeoutMs / 1000)} s.`
      : 'The server cannot be reached (it may be restarting, or the network is down).', err);
  }
  const text = await res.text().catch(() => '');
  return { status: res.status, ok: res.ok, text, json: tryJson(text), headers: res.headers };
}

/** POST a JSON body; throws HttpError for a non-2xx answer. */
export async function postJson(url, body, options = {}) {
  const answer = await request(url, { ...options, method: 'POST', body });
  if (!answer.ok) {
    throw new HttpError(answer.status, describeHttpError(answer.status, answer.json),
      { code: answer.json?.code ?? null, body: answer.json, headers: answer.headers });
  }
  return answer;
}
