// The shell: a hash router that mounts one page at a time into <main id="page">, the theme
// toggle, "Forget key" (the API key of the tab, lib/api-key.js), "Sign out" (the session of a
// signed-in user, lib/session.js) and the global keyboard shortcuts. When the server has users
// and the tab holds neither a key nor a session, the sign-in dialog comes first.
//
// Routes (the hash is the whole state of a page, so a link is shareable):
//   #/search?q=…&from=…&to=…   #/tail?q=…   #/trace/<id>   #/dashboard/<id>   #/pipelines   #/status
//   #/alerts?rule=<name> (the link every alert notification carries)
//
// A page is the module pages/<name>.js exporting
//   mount(container, params, app) → unmount function (called before the next page mounts)
// where params holds the query-string values (plus `id` for #/trace/<id> and #/dashboard/<id>)
// and app is the object below.

import { askForKey, forgetKey, heldKey } from './lib/api-key.js';
import { askToSignIn, currentSession, loadSession, signInOffered, signOut } from './lib/session.js';
import { clear, setLink } from './lib/dom.js';
import { showError } from './lib/errors.js';
import { initTheme } from './lib/theme.js';

/** Page names a route may name; anything else falls back to search. */
const PAGES = ['search', 'tail', 'trace', 'dashboard', 'alerts', 'pipelines', 'status', 'surrounding'];
const DEFAULT_PAGE = 'search';

const container = document.getElementById('page');
let current = null; // { hash, unmount }
let mountSequence = 0;

/** Splits a hash like "#/trace/abc?from=now-1h" into {page, params}. */
export function parseRoute(hash) {
  const text = hash.replace(/^#\/?/, '');
  const question = text.indexOf('?');
  const path = question < 0 ? text : text.slice(0, question);
  const search = question < 0 ? '' : text.slice(question + 1);
  const [name, ...rest] = path.split('/');
  const params = Object.fromEntries(new URLSearchParams(search));
  if (rest.length > 0 && rest.join('/') !== '') {
    params.id = decodeURIComponent(rest.join('/'));
  }
  return { page: PAGES.includes(name) ? name : DEFAULT_PAGE, params };
}

/** The hash for a route: route is a page name, optionally with "/<id>" ("trace/abc"). */
export function routeHash(route, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      query.set(key, String(value));
    }
  }
  const [name, ...id] = route.split('/');
  const path = id.length ? `${name}/${id.map(encodeURIComponent).join('/')}` : name;
  const qs = query.toString();
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

export const app = {
  /**
   * Goes to a route. Options: replace (no new history entry), silent (only change the URL —
   * the current page already shows this state; used to keep the URL shareable).
   */
  navigate(route, params = {}, { replace = false, silent = false } = {}) {
    const hash = routeHash(route, params);
    if (hash === location.hash) {
      return;
    }
    if (silent) {
      history[replace ? 'replaceState' : 'pushState'](null, '', hash);
      current = current && { ...current, hash };
      markNav(parseRoute(hash).page, hash);
      return;
    }
    if (replace) {
      history.replaceState(null, '', hash);
      render();
    } else {
      location.hash = hash;
    }
  },

  /** The current route, parsed. */
  route() {
    return parseRoute(location.hash);
  },
};

/**
 * Marks the current page in the nav; its link keeps the page's last URL, so coming back to
 * Search (say, from a trace) shows the search that was there.
 */
function markNav(page, hash = location.hash) {
  for (const link of document.querySelectorAll('.nav a')) {
    if (link.dataset.page === page && hash) {
      setLink(link, hash);
    }
    link.classList.toggle('active', link.dataset.page === page);
    if (link.dataset.page === page) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

async function render() {
  const hash = location.hash || '#/search';
  if (current && current.hash === hash) {
    return;
  }
  const sequence = ++mountSequence;
  if (current && current.unmount) {
    try {
      current.unmount();
    } catch (e) {
      console.warn('unmount failed', e);
    }
  }
  current = { hash, unmount: null };
  const { page, params } = parseRoute(hash);
  markNav(page, hash);
  clear(container);
  container.dataset.page = page;
  document.title = `Corral · ${page[0].toUpperCase()}${page.slice(1)}`;
  let module;
  try {
    module = await import(`./pages/${page}.js`);
  } catch (e) {
    if (sequence === mountSequence) {
      showError(container, { message: `The ${page} page could not be loaded: ${e.message}` });
    }
    return;
  }
  if (sequence !== mountSequence) {
    return; // the user moved on while the module loaded
  }
  try {
    const unmount = module.mount(container, params, app);
    current.unmount = typeof unmount === 'function' ? unmount : null;
  } catch (e) {
    console.error(`the ${page} page failed to mount`, e);
    showError(container, { message: `The ${page} page failed: ${e.message}` });
  }
}

function isTyping(event) {
  const target = event.target;
  return target instanceof HTMLElement
      && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

// "/" focuses the page's main input (the query bar), as in most log tools.
document.addEventListener('keydown', (event) => {
  if (event.key === '/' && !isTyping(event) && !event.ctrlKey && !event.metaKey && !event.altKey) {
    const input = container.querySelector('[data-focus-key="/"]');
    if (input) {
      event.preventDefault();
      input.focus();
      input.select?.();
    }
  }
});

window.addEventListener('hashchange', render);
window.addEventListener('popstate', render);
initTheme(document.getElementById('theme-toggle'));

// "Forget key": shown while the tab holds an API key; forgetting reloads, so nothing keeps using it.
const forgetButton = document.getElementById('forget-key');
const showForget = () => { forgetButton.hidden = !heldKey(); };
forgetButton.addEventListener('click', () => {
  forgetKey();
  location.reload();
});
window.addEventListener('corral:api-key', showForget);
showForget();

// "Sign out (<user>)": shown while the tab holds a session; the page reloads to the sign-in dialog.
const signOutButton = document.getElementById('sign-out');
const showSignOut = () => {
  const session = currentSession();
  signOutButton.hidden = !session;
  signOutButton.textContent = session ? `Sign out (${session.user})` : 'Sign out';
};
signOutButton.addEventListener('click', async () => {
  await signOut();
  location.reload();
});
window.addEventListener('corral:session', showSignOut);

/** With users on the server and no key in the tab: the session the cookie holds, else the sign-in first. */
async function start() {
  if (!heldKey() && await signInOffered() && !await loadSession()) {
    const outcome = await askToSignIn(null);
    if (outcome === 'key') {
      await askForKey('Enter an API key instead of signing in.');
    }
  }
  render();
}
start();
