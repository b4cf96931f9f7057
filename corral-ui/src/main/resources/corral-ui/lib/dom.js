// A tiny hyperscript helper and a few DOM utilities; no framework.
//
// Event content (every field of every event, and whatever the API derives from it: group values,
// field names, trace ids, services) is hostile until shown otherwise. It reaches the page only as
// text (text nodes, attribute values) through h(), and a URL reaches an href or src only through
// safeUrl() — h() and setLink() apply it themselves. No module assigns markup (innerHTML,
// outerHTML, insertAdjacentHTML, document.write): corral-ui's MarkupSinksTest fails the build on one.

/** Attributes whose value the browser follows as a URL: only safeUrl() values are set. */
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'cite', 'background'];
/** Attributes that are markup or code: h() refuses them (a caller passing one is a bug). */
const CODE_ATTRIBUTES = ['innerhtml', 'outerhtml', 'srcdoc'];
/** The schemes a link or source may have; relative URLs resolve against the page (http or https). */
const SAFE_SCHEMES = ['http:', 'https:'];

/**
 * The URL when a link or source may point at it, else null: an absolute http(s) URL, or a relative
 * one — an in-app route ("#/search?q=…"), a path on this server ("/ui/…"). Never `javascript:`,
 * `data:`, `vbscript:`, `blob:`, `file:` or any other scheme, however spelled (case, spaces,
 * control characters and tabs inside the scheme are read as the browser reads them).
 */
export function safeUrl(value) {
  if (value === null || value === undefined) return null;
  const text = String(value);
  let url;
  try {
    url = new URL(text, document.baseURI);
  } catch {
    return null;
  }
  return SAFE_SCHEMES.includes(url.protocol) ? text : null;
}

/**
 * An absolute http(s) URL from event content as a link opening in a new tab (no opener, no
 * referrer), or the text itself when it is anything else (`javascript:…` stays words on the page).
 */
export function externalLink(text) {
  const value = String(text);
  const absolute = /^https?:\/\//i.test(value) && safeUrl(value) !== null;
  return absolute ? h('a', { class: 'external-link', href: value, target: '_blank', rel: 'noopener noreferrer nofollow' }, value) : value;
}

/** Points a link at a URL (through safeUrl); an unsafe one removes the link's target instead. */
export function setLink(link, value) {
  const url = safeUrl(value);
  if (url === null) {
    link.removeAttribute('href');
  } else {
    link.setAttribute('href', url);
  }
  return link;
}

/**
 * Creates an element: h('button', {class: 'primary', onclick: run, title: 'Run'}, 'Run').
 * Attributes: `class` (string or array, falsy entries dropped), `style` (string or object),
 * `dataset` (object), `on<event>` functions (added as listeners), boolean true/false (present or
 * absent), properties that must be set as such (`value`, `checked`, `selected`); URL attributes
 * (`href`, `src`, …) only when {@link safeUrl} accepts the value (else left out). Markup is never
 * an attribute: `innerHTML`, `outerHTML`, `srcdoc` and an `on<event>` that is not a function throw.
 * Children: strings, numbers, nodes, arrays of them — strings become text nodes; null, undefined
 * and false are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    const name = key.toLowerCase();
    if (CODE_ATTRIBUTES.includes(name) || (name.startsWith('on') && typeof value !== 'function')) {
      throw new TypeError(`BUG: h('${tag}') was given the attribute ${key}, which would be markup or code: build nodes instead`);
    }
    if (key === 'class') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (key === 'style' && typeof value === 'object') {
      Object.assign(el.style, value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name.startsWith('on')) {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'value' || key === 'checked' || key === 'selected') {
      el[key] = value;
    } else if (URL_ATTRIBUTES.includes(name)) {
      const url = safeUrl(value);
      if (url !== null) el.setAttribute(key, url);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children (see {@link h}) to a node. */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Removes every child of a node. */
export function clear(node) {
  node.replaceChildren();
  return node;
}

/** Replaces the children of a node. */
export function replace(node, ...children) {
  clear(node);
  return append(node, children);
}

/** Copies text to the clipboard; resolves to true when it worked. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h('textarea', { style: { position: 'fixed', opacity: '0' } }, text);
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** Calls fn at most once per animation frame with the latest arguments. */
export function throttleFrame(fn) {
  let scheduled = false;
  let lastArgs = [];
  return (...args) => {
    lastArgs = args;
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        fn(...lastArgs);
      });
    }
  };
}

/** Calls fn once `ms` after the last call. */
export function debounce(fn, ms) {
  let timer = null;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}

/** Adds a stylesheet (a page's own CSS, e.g. '/ui/pages/search.css') once; resolves when loaded. */
export function loadStyle(href) {
  const existing = document.head.querySelector(`link[rel="stylesheet"][href="${href}"]`);
  if (existing) {
    return existing.dataset.loaded === 'true' ? Promise.resolve() : new Promise((resolve) => existing.addEventListener('load', resolve, { once: true }));
  }
  return new Promise((resolve) => {
    const link = h('link', { rel: 'stylesheet', href });
    link.addEventListener('load', () => { link.dataset.loaded = 'true'; resolve(); }, { once: true });
    link.addEventListener('error', () => resolve(), { once: true });
    document.head.append(link);
  });
}
