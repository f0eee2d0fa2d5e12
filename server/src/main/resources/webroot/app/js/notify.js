// notify.js — short notices in #notices (role=status, aria-live=polite), e.g. "Supply air set to 21 °C".
// notify(text, {kind, key}) → handle with update(text, kind) and close(). kind: info | ok | error | progress.
// A notice with the same key replaces the previous one (so a running function shows one notice, not many).
// info and ok close by themselves; error and progress stay until closed (an error must be read; progress is
// updated by its owner).

const AUTO_CLOSE_MS = { info: 6_000, ok: 6_000 };
const KINDS = new Set(['info', 'ok', 'error', 'progress']);
const byKey = new Map();

function container() {
  let box = document.getElementById('notices');
  if (!box) {
    box = document.createElement('div');
    box.id = 'notices';
    box.setAttribute('role', 'status');
    box.setAttribute('aria-live', 'polite');
    document.body.append(box);
  }
  return box;
}

export function notify(text, { kind = 'info', key } = {}) {
  if (key !== undefined && byKey.has(key)) {
    const handle = byKey.get(key);
    handle.update(text, kind);
    return handle;
  }
  const el = document.createElement('div');
  el.className = 'notice';
  const message = document.createElement('span');
  message.className = 'notice-text';
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'notice-close';
  close.setAttribute('aria-label', 'Dismiss');
  close.textContent = '×';
  el.append(message, close);
  let timer = null;
  let open = true;

  const handle = {
    element: el,
    update(newText, newKind = el.dataset.kind) {
      if (!open) return handle;
      const k = KINDS.has(newKind) ? newKind : 'info';
      el.dataset.kind = k;
      message.textContent = String(newText);
      clearTimeout(timer);
      if (AUTO_CLOSE_MS[k]) timer = setTimeout(() => handle.close(), AUTO_CLOSE_MS[k]);
      return handle;
    },
    close() {
      if (!open) return;
      open = false;
      clearTimeout(timer);
      el.remove();
      if (key !== undefined && byKey.get(key) === handle) byKey.delete(key);
    },
    get open() { return open; },
  };
  close.addEventListener('click', () => handle.close());
  handle.update(text, kind);
  if (key !== undefined) byKey.set(key, handle);
  container().append(el);
  return handle;
}
