// login-page.js — the sign-in form (#/login): form#login-form, input#login-username, input#login-password,
// button#login-submit, #login-error (role=alert). Errors in words: wrong password, throttled (the server waits
// longer after failed attempts), server unreachable. Focus goes to the first empty field, and back to the
// password after a refused attempt.

const LAST_USER_KEY = 'vakt.lastUser';
const SLOW_HINT_MS = 1_500;

function remembered() {
  try { return localStorage.getItem(LAST_USER_KEY) ?? ''; } catch { return ''; }
}

function remember(name) {
  try { localStorage.setItem(LAST_USER_KEY, name); } catch { /* no storage: nothing to remember */ }
}

/**
 * Draw the form into `container`. `message` is an optional note above it (e.g. "You have signed out.").
 * `onSignedIn()` runs after a successful sign-in.
 */
export function renderLoginPage(container, { auth, message = '', onSignedIn = () => {} }) {
  const section = document.createElement('section');
  section.id = 'login';
  section.className = 'login-page';
  section.innerHTML = `
    <h1 id="login-title" tabindex="-1">Sign in</h1>
    <p class="login-info" id="login-info" role="status"></p>
    <form id="login-form" novalidate aria-labelledby="login-title">
      <div class="field">
        <label for="login-username">User name</label>
        <input id="login-username" name="username" type="text" autocomplete="username" autocapitalize="none"
               autocorrect="off" spellcheck="false" required>
      </div>
      <div class="field">
        <label for="login-password">Password</label>
        <input id="login-password" name="password" type="password" autocomplete="current-password" required>
      </div>
      <p id="login-error" class="form-error" role="alert"></p>
      <p id="login-wait" class="login-wait" role="status"></p>
      <button id="login-submit" class="button primary" type="submit">Sign in</button>
    </form>`;
  container.replaceChildren(section);
  const form = section.querySelector('#login-form');
  const user = section.querySelector('#login-username');
  const password = section.querySelector('#login-password');
  const submit = section.querySelector('#login-submit');
  const error = section.querySelector('#login-error');
  const wait = section.querySelector('#login-wait');
  const info = section.querySelector('#login-info');
  info.textContent = message;
  info.hidden = !message;
  user.value = remembered();
  let busy = false;
  let disposed = false;

  const showError = (text, field) => {
    error.textContent = text;
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.setAttribute('aria-describedby', 'login-error');
      field.focus();
      field.select?.();
    }
  };
  const clearError = () => {
    error.textContent = '';
    for (const field of [user, password]) { field.removeAttribute('aria-invalid'); field.removeAttribute('aria-describedby'); }
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (busy) return;
    clearError();
    const name = user.value.trim();
    if (!name) { showError('Enter your user name.', user); return; }
    if (!password.value) { showError('Enter your password.', password); return; }
    busy = true;
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    form.setAttribute('aria-busy', 'true');
    const slow = setTimeout(() => {
      wait.textContent = 'Waiting for the server… After failed attempts it waits longer before answering (up to 30 s).';
    }, SLOW_HINT_MS);
    let focusSubmit = false;
    try {
      await auth.login(name, password.value);
      remember(name);
      if (!disposed) onSignedIn();
    } catch (err) {
      if (disposed) return;
      const kind = err?.kind;
      if (kind === 'credentials' || kind === 'throttled') {
        password.value = '';
        showError(err.message, password);
      } else {
        showError(err?.message ?? String(err), null);
        focusSubmit = true;     // after it is enabled again, below
      }
    } finally {
      clearTimeout(slow);
      busy = false;
      if (!disposed) {
        wait.textContent = '';
        submit.disabled = false;
        submit.textContent = 'Sign in';
        form.removeAttribute('aria-busy');
        if (focusSubmit) submit.focus();
      }
    }
  });

  // first empty field gets the focus
  (user.value ? password : user).focus();
  return { dispose() { disposed = true; } };
}
