// Dark and light themes: <html data-theme="dark|light">, remembered in localStorage; without a
// remembered choice the system's prefers-color-scheme decides (and is followed when it changes).
// index.html sets the attribute before the first paint; this module wires the toggle button.
// Components that draw with colours (charts) listen for the 'corral:theme' event on window.

const KEY = 'corral.theme';

/** The theme in force: 'dark' or 'light'. */
export function currentTheme() {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

/** Reads a CSS custom property of the current theme, e.g. cssVar('--text'). */
export function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function remembered() {
  try {
    const saved = localStorage.getItem(KEY);
    return saved === 'dark' || saved === 'light' ? saved : null;
  } catch {
    return null;
  }
}

function apply(theme, button) {
  document.documentElement.dataset.theme = theme;
  if (button) {
    button.textContent = theme === 'dark' ? '☀' : '☾';
    button.title = theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme';
  }
  window.dispatchEvent(new CustomEvent('corral:theme', { detail: { theme } }));
}

/** Wires the toggle button; call once. */
export function initTheme(button) {
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  apply(remembered() ?? (media.matches ? 'dark' : 'light'), button);
  media.addEventListener('change', () => {
    if (!remembered()) {
      apply(media.matches ? 'dark' : 'light', button);
    }
  });
  button?.addEventListener('click', () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // storage disabled: the choice lasts for this page only
    }
    apply(next, button);
  });
}
