// Buttons drawn in a view that call the view's ServerSideFunction (docs/views.md: data-vakt-call).
//
//   <g data-vakt-call="resetAlarms" data-vakt-args='{"unit": 1}' data-vakt-confirm="Reset all alarms?"
//      data-vakt-label="Reset alarms"> … </g>
//
// Each such element becomes role=button, tabindex=0 with an accessible name (data-vakt-label, else its text,
// else the function name). Click, Enter or Space: if data-vakt-confirm is set, dialog#confirm-dialog asks first
// (#confirm-ok / #confirm-cancel; never window.confirm, which would block the page and the live values); then
// WAMP CALL accounts.<account>.services.ssf.execute with [viewNodePath, functionName] and the JSON of
// data-vakt-args as kwargs, asking for progressive results. A progress notice shows while it runs (updated with
// each progress report, e.g. "step 2 of 5"), then turns into ok with the result (short JSON) or error with the
// message (the error URI in its tooltip). While a call runs the element has aria-busy=true and further presses
// are ignored, so an impatient double click never runs a function twice.

import { notify } from './notify.js';
import { progressText, resultValue, shortJson } from './format.js';

let confirmDialog = null;

function buildConfirmDialog() {
  const d = document.createElement('dialog');
  d.id = 'confirm-dialog';
  d.className = 'vakt-dialog';
  d.setAttribute('aria-labelledby', 'confirm-text');
  d.innerHTML = '<form method="dialog">'
    + '<p id="confirm-text"></p>'
    + '<div class="dialog-buttons">'
    + '<button type="submit" value="cancel" id="confirm-cancel" class="btn">Cancel</button>'
    + '<button type="submit" value="ok" id="confirm-ok" class="btn btn-primary">OK</button>'
    + '</div></form>';
  document.body.append(d);
  return d;
}

/**
 * Asks a yes/no question in dialog#confirm-dialog; resolves true for #confirm-ok, false for cancel or Escape.
 * Focus returns to `returnFocus` afterwards.
 */
export function askConfirmation(question, { okText = 'OK', returnFocus = null } = {}) {
  if (!confirmDialog || !confirmDialog.isConnected) confirmDialog = buildConfirmDialog();
  const d = confirmDialog;
  if (d.open) d.close('cancel');
  d.querySelector('#confirm-text').textContent = question;
  d.querySelector('#confirm-ok').textContent = okText;
  d.returnValue = '';
  return new Promise((resolve) => {
    d.addEventListener('close', () => {
      if (returnFocus?.isConnected) returnFocus.focus({ preventScroll: true });
      resolve(d.returnValue === 'ok');
    }, { once: true });
    d.showModal();
    d.querySelector('#confirm-cancel').focus(); // the safe choice has focus: Enter alone does not run it
  });
}

/** The accessible name of a call element: data-vakt-label, else its text, else the function name. */
export function callLabel(element) {
  const label = element.getAttribute('data-vakt-label');
  if (label && label.trim()) return label.trim();
  const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text || element.getAttribute('data-vakt-call');
}

function parseArgs(element) {
  const text = element.getAttribute('data-vakt-args');
  if (!text || !text.trim()) return {};
  try {
    const args = JSON.parse(text);
    return args && typeof args === 'object' && !Array.isArray(args) ? args : null;
  } catch {
    return null;
  }
}

/** Puts the error URI in the tooltip of the notice, when the notice exposes its element. */
function withTooltip(handle, tooltip) {
  const node = handle?.element ?? handle?.el ?? handle?.node;
  if (node && typeof node.setAttribute === 'function') node.setAttribute('title', tooltip);
}

async function run(element, { session, nodePath }) {
  if (element.getAttribute('aria-busy') === 'true') return; // a call of this button is still running
  const fn = element.getAttribute('data-vakt-call');
  const label = callLabel(element);
  const kwargs = parseArgs(element);
  const key = `ssf:${nodePath}:${fn}`;
  if (kwargs === null) {
    notify(`${label}: data-vakt-args is not a JSON object; the function was not called`, { kind: 'error', key });
    return;
  }
  element.setAttribute('aria-busy', 'true'); // before the question, so a second press cannot open a second one
  try {
    const question = element.getAttribute('data-vakt-confirm');
    if (question && !(await askConfirmation(question, { okText: label, returnFocus: element }))) return;
    const handle = notify(`${label}: running\u2026`, { kind: 'progress', key });
    const procedure = `accounts.${String(session.account).toLowerCase()}.services.ssf.execute`;
    try {
      const result = await session.wamp.call(procedure, [nodePath, fn], kwargs, {
        onProgress: (progress) => handle?.update?.(`${label}: ${progressText(progress)}`, 'progress'),
      });
      const value = resultValue(result);
      const text = value === undefined ? `${label}: done` : `${label}: ${shortJson(value)}`;
      if (handle?.update) handle.update(text, 'ok');
      else notify(text, { kind: 'ok', key });
    } catch (error) {
      const text = `${label} failed: ${error?.message ?? error}`;
      if (handle?.update) handle.update(text, 'error');
      else notify(text, { kind: 'error', key });
      withTooltip(handle, error?.error ?? '');
    }
  } finally {
    element.removeAttribute('aria-busy');
  }
}

/**
 * Makes every [data-vakt-call] element under `root` a button calling the view's ServerSideFunction.
 * @returns {{ dispose(): void }} removes the listeners
 */
export function wireSsfButtons(root, { session, nodePath }) {
  const controller = new AbortController();
  const { signal } = controller;
  for (const element of root.querySelectorAll('[data-vakt-call]')) {
    element.setAttribute('role', 'button');
    element.setAttribute('tabindex', '0');
    element.setAttribute('aria-label', callLabel(element));
    element.classList.add('vakt-call');
    const activate = () => run(element, { session, nodePath });
    element.addEventListener('click', (event) => {
      event.preventDefault();
      activate();
    }, { signal });
    element.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault(); // Space would scroll the page
      if (!event.repeat) activate();
    }, { signal });
  }
  return {
    dispose: () => {
      controller.abort();
      if (confirmDialog?.open) confirmDialog.close('cancel'); // the page it asked for is going away
    },
  };
}
