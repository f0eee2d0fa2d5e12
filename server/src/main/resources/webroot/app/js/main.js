// main.js — wires the shell together: the sign-in (auth.js), the session with its two sockets (session.js), the
// connection bar, the area tree, the menu toggle on phones, and the router that draws main#content.
import { Auth } from './auth.js';
import { Session } from './session.js';
import { mountConnectionBar } from './connection-bar.js';
import { AreaTree, Folders } from './tree.js';
import { Router } from './router.js';
import { notify } from './notify.js';

const $ = (id) => document.getElementById(id);

const auth = new Auth();
const session = new Session({ auth });
const folders = new Folders(session);
const content = $('content');
const nav = $('area-tree');
const menuToggle = $('menu-toggle');
const tree = new AreaTree(nav, session, folders);
let pageTitle = '';

function setTitle(text) {
  pageTitle = text;
  const account = session.account;
  document.title = [text, account, 'Vakt'].filter(Boolean).join(' · ');
}

function showSignedIn(signedIn) {
  document.body.dataset.auth = signedIn ? 'in' : 'out';
  $('user-name').textContent = signedIn ? (session.user?.name ?? '') : '';
  $('account-name').textContent = signedIn ? session.account : '';
  $('logout').hidden = !signedIn;
  menuToggle.hidden = !signedIn;
  nav.hidden = !signedIn;
}

// ---- the menu (phones): the tree folds behind #menu-toggle ----
const narrow = globalThis.matchMedia('(max-width: 47.99rem)');
function setMenu(open) {
  menuToggle.setAttribute('aria-expanded', String(open));
  document.body.classList.toggle('menu-open', open);
}
menuToggle.addEventListener('click', () => setMenu(menuToggle.getAttribute('aria-expanded') !== 'true'));
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && document.body.classList.contains('menu-open')) { setMenu(false); menuToggle.focus(); }
});
narrow.addEventListener('change', () => setMenu(false));

// ---- focus after navigation: move it to the new page's heading unless the user is working in the tree ----
let focusWanted = false;
new MutationObserver(() => {
  if (!focusWanted) return;
  const h1 = content.querySelector('h1');
  if (!h1) return;
  focusWanted = false;
  const active = document.activeElement;
  // on wide screens the tree stays visible: keep the focus there so arrow keys keep working
  if (active && nav.contains(active) && !narrow.matches) return;
  if (content.querySelector('#login-form')) return;    // the login page focuses its own field
  h1.focus({ preventScroll: true });
}).observe(content, { childList: true, subtree: true });

const router = new Router({
  session, auth, folders,
  shell: {
    content,
    setTitle,
    revealFolder: (id) => tree.reveal(id),
    beforeRender(route, first) {
      showSignedIn(session.signedIn);
      if (narrow.matches) setMenu(false);
      if (!first) { focusWanted = true; globalThis.scrollTo?.(0, 0); }
      if (session.signedIn && route.name !== 'login') tree.load();
      if (route.name === 'diagnostics' || route.name === 'unknown') tree.reveal(null);
    },
  },
});

session.addEventListener('signedin', () => { showSignedIn(true); tree.load(); });
session.addEventListener('signedout', () => { showSignedIn(false); tree.clear(); folders.clear(); });
session.addEventListener('account', () => { showSignedIn(session.signedIn); setTitle(pageTitle); });

$('logout').addEventListener('click', async () => {
  const warning = await auth.logout();
  if (warning) notify(warning, { kind: 'error' });
});

// the skip link: the hash belongs to the router, so move the focus by hand
document.querySelector('.skip-link')?.addEventListener('click', (e) => {
  e.preventDefault();
  (content.querySelector('h1') ?? content).focus();
});

mountConnectionBar($('connection-bar'), session);
session.resume();
showSignedIn(session.signedIn);
router.start();
