// Loaded as a classic script in <head>, before the first paint, so a dark-theme user never sees a
// white flash: the remembered theme, else the system's preference. (Inline it would be refused by
// the Content-Security-Policy.)
(function () {
  var saved = null;
  try { saved = localStorage.getItem('corral.theme'); } catch (e) { /* storage disabled */ }
  var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.dataset.theme = saved === 'dark' || saved === 'light' ? saved : (dark ? 'dark' : 'light');
})();
