/*
 * Tandem chat widget loader. A host page needs one tag:
 *   <script src="https://support.example.com/widget.js" defer></script>
 * Optional attributes: data-lang="vi|en", data-server="https://…" (when the
 * chat server is not where this file came from), data-identity-token="<JWT>"
 * (B2B host sites), data-company="Name", data-accent="#0f7b6c".
 *
 * This file stays small: it adds the stylesheet and the launcher button, and
 * imports the app module only when the visitor opens the chat (or had it open
 * before a reload).
 */
(() => {
  'use strict';
  if (window.Tandem && window.Tandem.version) return; // loaded twice: keep the first

  const script = document.currentScript;
  const data = (script && script.dataset) || {};
  // Assets live next to this file; the chat server too, unless data-server says otherwise.
  const assetBase = new URL('./', script && script.src ? script.src : location.href);
  const serverBase = new URL(data.server ? data.server.replace(/\/*$/, '/') : assetBase.href, location.href);
  const pickLang = (l) => (/^en\b/i.test(l || '') ? 'en' : 'vi');
  const config = {
    lang: pickLang(data.lang || navigator.language),
    company: data.company || '',
    // a signed-in B2B user: the host page puts its backend's token in data-identity-token (or window.TandemIdentityToken)
    identityToken: data.identityToken || (typeof window.TandemIdentityToken === 'string' ? window.TandemIdentityToken : null),
    suggestions: [],
    assetBase: assetBase.href,
    serverBase: serverBase.href,
  };
  const labels = { vi: 'Mở trò chuyện hỗ trợ', en: 'Open support chat' };
  // Reopen after a reload if it was open, except on phones where it would cover every new page.
  let storedOpen = false;
  try { storedOpen = localStorage.getItem('tandem.open') === '1' && !matchMedia('(max-width: 480px)').matches; } catch { /* storage blocked */ }

  if (!document.getElementById('tandem-css')) {
    const css = document.createElement('link');
    css.id = 'tandem-css';
    css.rel = 'stylesheet';
    css.href = new URL('widget/widget.css', assetBase).href;
    document.head.append(css);
  }

  const root = document.createElement('div');
  root.className = 'tandem-root';
  root.id = 'tandem-root';
  if (data.accent) root.style.setProperty('--tandem-accent', data.accent);

  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'tandem-launcher';
  launcher.dataset.testid = 'tandem-launcher';
  launcher.setAttribute('aria-label', labels[config.lang]);
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'tandem-panel');
  const NS = 'http://www.w3.org/2000/svg';
  const icon = document.createElementNS(NS, 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('class', 'tandem-launcher__icon');
  for (const d of ['M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6c-.5.4-1.3.1-1.3-.6V16A2.5 2.5 0 0 1 4 13.5z',
                   'M8.5 9.5h.01M12 9.5h.01M15.5 9.5h.01']) {
    const path = document.createElementNS(NS, 'path');
    path.setAttribute('d', d);
    icon.append(path);
  }
  const badge = document.createElement('span');
  badge.className = 'tandem-launcher__badge';
  badge.dataset.testid = 'tandem-unread';
  badge.hidden = true;
  launcher.append(icon, badge);
  root.append(launcher);

  let app = null;
  let loading = null;
  const pending = [];
  function load() {
    if (!loading) {
      launcher.setAttribute('aria-busy', 'true');
      loading = import(new URL('widget/app.js', assetBase).href)
        .then((mod) => {
          app = mod.mount({ root, launcher, badge, config });
          for (const call of pending.splice(0)) call(app);
          return app;
        })
        .catch((err) => {
          loading = null; // allow a retry on the next click
          console.error('[tandem] could not load the chat widget', err);
        })
        .finally(() => launcher.removeAttribute('aria-busy'));
    }
    return loading;
  }
  function withApp(fn) {
    if (app) fn(app);
    else { pending.push(fn); load(); }
  }

  launcher.addEventListener('click', () => withApp((a) => a.toggle()));
  // Fetch the app early when the visitor reaches for the button.
  launcher.addEventListener('pointerenter', load, { once: true });
  launcher.addEventListener('focus', load, { once: true });

  window.Tandem = Object.freeze({
    version: '1',
    open: () => withApp((a) => a.open()),
    close: () => { if (app) app.close(); },
    toggle: () => withApp((a) => a.toggle()),
    /** Host pages may change language, company name or suggestion chips at any time. */
    configure(options = {}) {
      if (options.lang) config.lang = pickLang(options.lang);
      if (typeof options.company === 'string') config.company = options.company;
      if (Array.isArray(options.suggestions)) config.suggestions = options.suggestions.map(String).slice(0, 4);
      launcher.setAttribute('aria-label', labels[config.lang]);
      if (app) app.configChanged();
    },
  });

  const attach = () => {
    document.body.append(root);
    if (storedOpen) withApp((a) => a.open({ restoring: true }));
  };
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });
})();
