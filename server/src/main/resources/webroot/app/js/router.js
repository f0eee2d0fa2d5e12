// router.js — hash routes (contract "Routes"), so deep links survive a reload:
//   #/login · #/ (root folder) · #/<folderId> · #/<folderId>/<nodePath> · #/diagnostics
// folderId and nodePath are the server's Base64 strings, URL-encoded. A signed-out visitor of any route but
// #/login and #/diagnostics is sent to #/login and comes back to the route after signing in.
import { renderLoginPage } from './login-page.js';
import { renderDiagnostics } from './diagnostics.js';
import { renderFolderPage, renderNodePage, renderNotFound } from './folder-page.js';

const RETURN_KEY = 'vakt.returnTo';

/** The route of a location hash: {name: login|diagnostics|folder|node|unknown, folderId?, nodePath?}. Pure. */
export function parseHash(hash) {
  const raw = String(hash ?? '').replace(/^#/, '');
  if (raw === '' || raw === '/') return { name: 'folder', folderId: null };
  if (!raw.startsWith('/')) return { name: 'unknown' };
  const parts = raw.slice(1).split('/');
  if (parts.length === 1 && parts[0] === 'login') return { name: 'login' };
  if (parts.length === 1 && parts[0] === 'diagnostics') return { name: 'diagnostics' };
  let decoded;
  try { decoded = parts.map((p) => decodeURIComponent(p)); } catch { return { name: 'unknown' }; }
  if (decoded.some((p) => p === '')) return { name: 'unknown' };
  if (decoded.length === 1) return { name: 'folder', folderId: decoded[0] };
  if (decoded.length === 2) return { name: 'node', folderId: decoded[0], nodePath: decoded[1] };
  return { name: 'unknown' };
}

/** The hash of a route (inverse of parseHash). */
export function hashFor(route) {
  switch (route.name) {
    case 'login': return '#/login';
    case 'diagnostics': return '#/diagnostics';
    case 'node': return `#/${encodeURIComponent(route.folderId)}/${encodeURIComponent(route.nodePath)}`;
    case 'folder': return route.folderId ? `#/${encodeURIComponent(route.folderId)}` : '#/';
    default: return '#/';
  }
}

/** Whether a signed-out user may see this route. */
export const isPublic = (route) => route.name === 'login' || route.name === 'diagnostics';

export class Router {
  /**
   * shell: { content (main#content), setTitle(text), setSignedIn(bool), revealFolder(id), beforeRender() }
   */
  constructor({ session, auth, folders, shell }) {
    this.session = session;
    this.auth = auth;
    this.folders = folders;
    this.shell = shell;
    this.page = null;
    this.loginMessage = '';
    this.renders = 0;
  }

  start() {
    globalThis.addEventListener('hashchange', () => this.render());
    this.session.addEventListener('signedin', () => {
      if (parseHash(location.hash).name === 'login') location.replace(this.takeReturnTo());
    });
    this.session.addEventListener('signedout', (e) => this.onSignedOut(e.detail.reason));
    this.render();
  }

  onSignedOut(reason) {
    this.loginMessage = {
      logout: 'You have signed out.',
      elsewhere: 'You signed out in another tab of this browser.',
      expired: 'Your sign-in has ended (it expired or was revoked). Please sign in again.',
    }[reason] ?? '';
    const route = parseHash(location.hash);
    if (isPublic(route)) { if (route.name === 'login') this.render(); return; }
    // an expired sign-in brings the user back here afterwards; an explicit sign-out starts over
    if (reason === 'expired') this.saveReturnTo(location.hash);
    location.replace('#/login');
  }

  saveReturnTo(hash) {
    try { sessionStorage.setItem(RETURN_KEY, hash); } catch { /* no storage: start page after sign-in */ }
  }

  takeReturnTo() {
    let hash = null;
    try { hash = sessionStorage.getItem(RETURN_KEY); sessionStorage.removeItem(RETURN_KEY); } catch { /* none */ }
    return hash && !isPublic(parseHash(hash)) ? hash : '#/';
  }

  render() {
    const route = parseHash(location.hash);
    const signedIn = this.session.signedIn;
    if (route.name === 'login' && signedIn) { location.replace(this.takeReturnTo()); return; }
    if (!isPublic(route) && !signedIn) {
      this.saveReturnTo(location.hash || '#/');
      location.replace('#/login');
      return;
    }
    try { this.page?.dispose?.(); } catch (err) { console.warn(`Closing the page failed: ${err?.message ?? err}`); }
    this.page = null;
    this.renders += 1;
    const { content } = this.shell;
    this.shell.beforeRender(route, this.renders === 1);
    const setTitle = (text) => this.shell.setTitle(text);
    const onFolder = (folder) => this.shell.revealFolder(folder.id);
    switch (route.name) {
      case 'login':
        setTitle('Sign in');
        this.page = renderLoginPage(content, { auth: this.auth, message: this.loginMessage });
        this.loginMessage = '';
        break;
      case 'diagnostics':
        setTitle('Connection diagnostics');
        this.page = renderDiagnostics(content, { session: this.session });
        break;
      case 'folder':
        this.page = renderFolderPage(content, { session: this.session, folders: this.folders, folderId: route.folderId, setTitle, onFolder });
        break;
      case 'node':
        this.page = renderNodePage(content, {
          session: this.session, folders: this.folders, folderId: route.folderId, nodePath: route.nodePath, setTitle, onFolder,
        });
        break;
      default:
        this.page = renderNotFound(content, { setTitle });
        break;
    }
  }
}
