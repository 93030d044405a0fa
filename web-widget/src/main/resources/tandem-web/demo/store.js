// The demo storefront's own script: the VI/EN switch, a toy cart, and the
// "ask the assistant" buttons. The chat widget itself comes from /widget.js.
(() => {
  'use strict';
  const EN = {
    skip: 'Skip to main content',
    hotline: 'Hotline',
    hours: '(8:00–21:00 every day)',
    freeship: 'Free delivery on orders from 500,000₫',
    langGroup: 'Language',
    demoAs: 'Demo: chat as',
    demoGuest: 'Guest (anonymous)',
    navLabel: 'Categories',
    navWater: 'Water purifiers',
    navKitchen: 'Kitchen',
    navNoodles: 'Mì Mekong noodles',
    navSupport: 'Support',
    searchLabel: 'Search products',
    searchPlaceholder: 'Search water purifiers, rice cookers…',
    cart: 'Cart: {n} items',
    heroEyebrow: 'New · 9-stage hot & cold RO water purifier',
    heroTitle: 'Clean water, good meals for the whole family',
    heroLead: 'Durable home appliances and the taste of home from Mekong Home. Free water purifier installation within 48 hours in 5 major cities, 24-month warranty.',
    heroShop: 'Shop now',
    heroAsk: 'Ask the assistant',
    factWarranty: 'months warranty on water purifiers',
    factInstall: 'free installation',
    factInstallment: 'instalments over 6–12 months',
    perksLabel: 'Our promises',
    perk1: 'Official warranty',
    perk1s: 'At home or at 5 service centres',
    perk2: 'Nationwide delivery',
    perk2s: 'Same-day express in Hà Nội and HCMC',
    perk3: 'Flexible payment',
    perk3s: 'COD, bank transfer, cards, MoMo, ZaloPay',
    perk4: '24/7 virtual assistant',
    perk4s: 'Instant answers with their sources',
    waterTitle: 'Water purifiers',
    waterSub: 'Drinking water straight from the tap — 24-month warranty.',
    badgeBest: 'Best seller',
    badgeNew: 'New',
    badgePremium: 'Premium',
    pRO100: '7-stage RO water purifier',
    pRO200: '9-stage hot & cold RO water purifier',
    pUF50: 'UF water purifier, no electricity',
    add: 'Add to cart',
    kitchenTitle: 'Kitchen',
    kitchenSub: 'Rice cookers, air fryers and kettles for home-cooked meals.',
    pRC18: 'Rice cooker 1.8 L',
    pRC18IH: 'Induction (IH) rice cooker 1.8 L',
    pAF55: 'Air fryer 5.5 L',
    pAF80D: 'Digital air fryer 8 L',
    pKT17: 'Electric kettle 1.7 L',
    noodlesEyebrow: 'Mì Mekong',
    noodlesTitle: 'The taste of home in 3 minutes',
    noodlesLead: 'Hot & sour shrimp noodles, braised beef noodles, chicken phở and Phnom Penh hủ tiếu — cartons of 30 packs, delivered to your door.',
    fTom: 'Hot & sour shrimp (Tôm Chua Cay)',
    fBo: 'Braised beef (Bò Hầm)',
    fPho: 'Instant chicken phở',
    fHuTieu: 'Hủ tiếu Nam Vang',
    supportTitle: 'Need help?',
    supportLead: 'Our virtual assistant answers at once from Mekong Home’s manuals and policies, and shows its sources. Prefer a person? Press “Talk to a human” in the chat or call 1900 6868.',
    supportChat: 'Chat with us',
    legal: 'Mekong Home & Foods JSC (Công ty Cổ phần Mekong Home & Foods)',
    address: '18 Võ Văn Ngân, Thủ Đức Ward, Ho Chi Minh City · Tax code 0316888123',
    contact: 'Contact',
    demoNote: 'A demo website for Tandem — the company and its products are fictional.',
  };
  const SUGGESTIONS = {
    vi: ['Máy lọc nước bảo hành bao lâu?', 'Phí giao hàng thế nào?', 'Cách vệ sinh nồi chiên không dầu'],
    en: ['How long is the water purifier warranty?', 'How much is delivery?', 'How do I clean the air fryer?'],
  };
  const TITLES = {
    vi: document.title,
    en: 'Mekong Home — Home appliances & food for Vietnamese families',
  };

  // The Vietnamese text is in the HTML; remember it before switching.
  const VI = {};
  const textNodes = [...document.querySelectorAll('[data-i18n]')];
  for (const el of textNodes) VI[el.dataset.i18n] = el.textContent;
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) VI[el.dataset.i18nPlaceholder] = el.placeholder;
  for (const el of document.querySelectorAll('[data-i18n-label]')) VI[el.dataset.i18nLabel] = el.getAttribute('aria-label');
  VI.cart = 'Giỏ hàng: {n} sản phẩm';

  let lang = 'vi';
  try { lang = localStorage.getItem('mekong.lang') === 'en' ? 'en' : 'vi'; } catch { /* storage blocked */ }
  let cart = 0;

  const t = (key, n) => ((lang === 'en' ? EN : VI)[key] ?? VI[key] ?? '').replace('{n}', n);

  function apply() {
    document.documentElement.lang = lang;
    document.title = TITLES[lang];
    for (const el of textNodes) el.textContent = t(el.dataset.i18n);
    for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
    for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel, cart));
    for (const btn of document.querySelectorAll('.lang button')) btn.setAttribute('aria-pressed', String(btn.dataset.lang === lang));
    window.Tandem?.configure({ lang, suggestions: SUGGESTIONS[lang] });
  }

  for (const btn of document.querySelectorAll('.lang button')) {
    btn.addEventListener('click', () => {
      lang = btn.dataset.lang;
      try { localStorage.setItem('mekong.lang', lang); } catch { /* storage blocked */ }
      apply();
    });
  }
  for (const btn of document.querySelectorAll('[data-open-chat]')) {
    btn.addEventListener('click', () => window.Tandem?.open());
  }
  for (const btn of document.querySelectorAll('[data-add]')) {
    btn.addEventListener('click', () => {
      cart += 1;
      const count = document.getElementById('cart-count');
      count.textContent = String(cart);
      count.hidden = false;
      document.querySelector('.cart').setAttribute('aria-label', t('cart', cart));
    });
  }
  // Demo B2B identities: only a server running with the built-in demo secret issues these tokens.
  // The token is read by widget.js (deferred after this script) from window.TandemIdentityToken.
  const demo = (() => { try { return JSON.parse(localStorage.getItem('mekong.demoIdentity')) || {}; } catch { return {}; } })();
  const demoFresh = demo.token && demo.expiresAt > Date.now() + 60_000;
  if (demoFresh) window.TandemIdentityToken = demo.token;
  const picker = document.getElementById('demo-identity');
  async function useContact(contact, reload) {
    try {
      if (!contact) localStorage.removeItem('mekong.demoIdentity');
      else {
        const res = await fetch('/api/demo/identity-token?contact=' + encodeURIComponent(contact));
        if (!res.ok) return;
        const body = await res.json();
        localStorage.setItem('mekong.demoIdentity', JSON.stringify({
          contact, token: body.token, expiresAt: Date.now() + body.expiresInSeconds * 1000 }));
      }
    } catch { return; /* storage blocked or server unreachable: stay as is */ }
    if (reload) location.reload();
  }
  if (picker) {
    fetch('/api/demo/identity-token?contact=c-pn-001').then((res) => {
      if (res.status === 404) return; // not a demo server: no picker
      picker.value = demo.contact || '';
      picker.closest('label').hidden = false;
      if (demo.contact && !demoFresh) useContact(demo.contact, true); // expired: renew, then reload
    }).catch(() => {});
    picker.addEventListener('change', () => useContact(picker.value, true));
  }
  // widget.js is deferred after this script: configure it once everything has run.
  document.addEventListener('DOMContentLoaded', apply);
})();
