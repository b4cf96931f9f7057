// The API key the UI sends, kept for this tab only (sessionStorage: closing the tab forgets it;
// another tab asks again). A key is `<id>:<secret>`, sent as `Authorization: Bearer <id>:<secret>`
// by lib/api.js — never in a URL. When the server answers 401, lib/api.js asks for a key here:
// one prompt at a time, shared by every request that was refused meanwhile.
//
// A change (kept or forgotten) is announced as a `corral:api-key` event on window.

import { showKeyPrompt } from './key-prompt.js';

const STORAGE_KEY = 'corral.apiKey';

/** The key held for this tab, or null. */
export function heldKey() {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: no key is kept, each 401 asks again
  }
}

/** Keeps `key` for this tab. */
export function keepKey(key) {
  try {
    sessionStorage.setItem(STORAGE_KEY, key);
  } catch {
    // storage disabled
  }
  window.dispatchEvent(new CustomEvent('corral:api-key', { detail: { held: true } }));
}

/** Forgets the key of this tab. */
export function forgetKey() {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage disabled
  }
  window.dispatchEvent(new CustomEvent('corral:api-key', { detail: { held: false } }));
}

let pending = null;
/** The user cancelled the prompt: pages that poll (status, dashboard) must not bring it back until a reload. */
let declined = false;

/**
 * Asks the user for a key (the server's reason shown) and keeps it; resolves to the key, or null
 * when the user declined — then, until the page is loaded again, at once without asking.
 * Concurrent callers share one prompt.
 */
export function askForKey(reason) {
  if (declined) {
    return Promise.resolve(null);
  }
  if (!pending) {
    pending = showKeyPrompt(reason).then((key) => {
      if (key) keepKey(key);
      declined = !key;
      return key;
    }).finally(() => {
      pending = null;
    });
  }
  return pending;
}
