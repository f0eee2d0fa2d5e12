// session.js — what the pages get (contract "js/session.js"): the user, the account, a valid token, GraphQL over
// HTTP, and the tab's two sockets (live values and WAMP calls). It ties the sockets to the sign-in: they start
// after sign-in, rotate to each refreshed token, and close on sign-out (in this tab or any other).
import { apiUrl, GraphqlError, HttpError, request, wsUrl } from './http.js';
import { LiveConnection } from './graphql-ws.js';
import { WampConnection } from './wamp.js';
import { sseSocketClass } from './graphql-sse.js';
import { longPollSocketClass } from './wamp-longpoll.js';

/** Where the HTTP fallbacks live (docs/fallback-transports.md); each connection switches on its own. */
export const FALLBACK_PATHS = Object.freeze({ graphql: 'graphql/stream', wamp: 'wamp/longpoll' });

/**
 * Events: 'signedin'; 'signedout' (detail.reason: logout | elsewhere | expired); 'account' (the account name is
 * known). The Auth instance (auth.js) does the token work.
 */
export class Session extends EventTarget {
  constructor({ auth, events = globalThis.window ?? null }) {
    super();
    this.auth = auth;
    this.accountName = '';
    this.accountPromise = null;
    this.running = false;
    this.userName = '';
    const sockets = {
      token: () => auth.token(),
      refreshToken: (stale) => auth.refresh({ stale }),
      health: () => this.health(),
      events,
    };
    // each starts on its WebSocket and switches to its HTTP fallback when the WebSocket is blocked (backoff.js)
    this.live = new LiveConnection({
      ...sockets, url: wsUrl('graphql/ws'),
      fallback: { url: apiUrl(FALLBACK_PATHS.graphql), WebSocketImpl: sseSocketClass(), label: 'HTTP event stream' },
    });
    this.wamp = new WampConnection({
      ...sockets, url: wsUrl('wamp'),
      fallback: { url: apiUrl(FALLBACK_PATHS.wamp), WebSocketImpl: longPollSocketClass(), label: 'HTTP long-poll' },
    });
    // browsers notice a dead TCP connection late; the live socket pings, so when it finds the network dead the
    // WAMP socket (which cannot ping) is probably dead too
    this.live.addEventListener('dead', () => this.wamp.reconnect('the live-values socket stopped answering'));
    auth.addEventListener('tokens', (e) => {
      // another tab signed in as someone else: everything on screen belongs to the previous user
      if (this.running && auth.user?.name !== this.userName) this.end('elsewhere');
      if (!this.running) this.begin();
      else if (e.detail.reason !== 'login') { this.live.rotate(); this.wamp.rotate(); }
    });
    auth.addEventListener('signedout', (e) => this.end(e.detail.reason));
    // Leaving the page: end the connections ourselves. Over the HTTP fallbacks each holds one of the browser's six
    // HTTP/1.1 connections to the server (the event stream, the waiting long-poll); a page kept for "back" (bfcache)
    // or a browser slow to tear the page down would otherwise keep them, and a new page could not even ask the
    // server anything. A page restored from that cache reloads, which reconnects everything.
    events?.addEventListener?.('pagehide', () => {
      if (!this.running) return;
      this.suspended = true;
      this.running = false;
      this.live.stop('page closed');
      this.wamp.stop('page closed');
    });
    events?.addEventListener?.('pageshow', (e) => {
      if (e.persisted && this.suspended) globalThis.location?.reload();
    });
  }

  /** { name } of the signed-in user (the access token's `sub`), or null. */
  get user() { return this.auth.user; }

  /** The account (the root folder's name, e.g. "Demo"); '' until known. */
  get account() { return this.accountName; }

  get signedIn() { return this.auth.signedIn; }

  /** A valid access token (refreshed first if needed). */
  token() { return this.auth.token(); }

  /** Start with the sign-in found in storage, if any. */
  resume() {
    this.auth.start();
    if (this.auth.signedIn && !this.running) this.begin();
  }

  begin() {
    this.running = true;
    this.userName = this.auth.user?.name ?? '';
    this.live.start();
    this.wamp.start();
    this.accountPromise = null;
    this.whenAccount().catch(() => { /* retried by the next caller */ });
    this.dispatchEvent(new Event('signedin'));
  }

  end(reason) {
    if (!this.running) return;
    this.running = false;
    this.live.stop('signed out');
    this.wamp.stop('signed out');
    this.accountName = '';
    this.accountPromise = null;
    this.dispatchEvent(new CustomEvent('signedout', { detail: { reason } }));
  }

  /** The account name, fetched once per sign-in. */
  whenAccount() {
    if (this.accountName) return Promise.resolve(this.accountName);
    this.accountPromise ??= this.graphql('{ folder { name } }').then((data) => {
      this.accountName = String(data?.folder?.name ?? '');
      this.dispatchEvent(new Event('account'));
      return this.accountName;
    }).catch((err) => { this.accountPromise = null; throw err; });
    return this.accountPromise;
  }

  /**
   * POST /arrigo/api/graphql with the token; resolves `data`. Throws GraphqlError (errors[i].extensions.code) when
   * the answer has errors, HttpError for other HTTP failures, NetworkError when the server cannot be reached.
   * A 401 (the token expired while the tab slept) gets one refresh and one retry.
   */
  async graphql(query, variables = {}) {
    const url = apiUrl('graphql');
    let token = await this.auth.token();
    let answer = await request(url, { method: 'POST', body: { query, variables }, token });
    if (answer.status === 401) {
      token = await this.auth.refresh({ stale: token });
      answer = await request(url, { method: 'POST', body: { query, variables }, token });
    }
    const json = answer.json;
    if (json && Array.isArray(json.errors) && json.errors.length) throw new GraphqlError(json.errors, json.data ?? null);
    if (!answer.ok || !json) {
      throw new HttpError(answer.status, json?.error ?? `GraphQL request failed (HTTP ${answer.status})`,
        { code: json?.code ?? null, body: json });
    }
    return json.data;
  }

  /** Whether GET /arrigo/api/health answers with success. */
  async health() {
    try {
      const answer = await request(apiUrl('health'), { timeoutMs: 5_000 });
      return answer.ok;
    } catch {
      return false;
    }
  }
}
