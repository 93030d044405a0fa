// The message log: one DOM node per transcript entry, created once and then
// only patched (sent/sending, rating), kept in the order of Conversation.ordered().

import { h, icon } from './dom.js';
import { renderText, renderCitations } from './render.js';

export class TranscriptView {
  /**
   * @param {import('./conversation.js').Conversation} conv
   * @param {(entry: object, rating: 1|-1) => void} onRate
   */
  constructor(conv, t, onRate) {
    this.conv = conv;
    this.t = t;
    this.onRate = onRate;
    this.nodes = new WeakMap(); // entry → node
    this.element = h('div', { class: 'tandem-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'data-testid': 'tandem-messages' });
    this.element.addEventListener('click', (e) => this.onClick(e));
  }

  setTranslator(t) {
    this.t = t;
    this.element.setAttribute('aria-label', t('messages'));
  }

  /** Makes the log show conv.ordered(); returns the last node it had to create, if any. */
  sync({ rebuild = false } = {}) {
    if (rebuild) {
      this.nodes = new WeakMap();
      this.element.replaceChildren();
    }
    const log = this.element;
    const wanted = new Set();
    let added = null;
    this.conv.ordered().forEach((entry, i) => {
      let node = this.nodes.get(entry);
      if (!node) {
        node = this.render(entry);
        this.nodes.set(entry, node);
        added = node;
      } else if (node.dataset.state !== (entry.state || '') || node.dataset.seq !== String(entry.seq ?? '')) {
        updateDeliveryState(node, entry, this.t);
      }
      wanted.add(node);
      if (log.children[i] !== node) log.insertBefore(node, log.children[i] || null);
    });
    for (const child of [...log.children]) if (!wanted.has(child)) child.remove();
    return added;
  }

  /** Shows the rating of a bot answer after the visitor clicked a thumb. */
  rated(entry) {
    const node = this.nodes.get(entry);
    if (node) updateFeedback(node, entry, this.t);
  }

  render(entry) {
    const t = this.t;
    if (entry.kind === 'note' || entry.role === 'system') {
      const text = entry.kind === 'note' ? t(`note.${entry.note}`, { name: entry.name ?? '' }) : entry.text;
      return h('div', { class: 'tandem-note', 'data-testid': 'tandem-note', 'data-seq': entry.seq ?? '' }, h('span', { text }));
    }
    const key = entry.seq ?? entry.cid ?? entry.t;
    const citationId = (n) => `tandem-c-${key}-${n}`;
    const citations = entry.role === 'bot' ? entry.citations ?? [] : [];
    const agentName = entry.name || t('roleAgent');

    const text = h('div', { class: 'tandem-text', 'data-testid': 'tandem-message-text' });
    renderText(text, entry.text, { citations: new Map(citations.map((c) => [c.n, c])), citationId, t });
    const who = entry.role === 'bot' ? t('roleBot') : entry.role === 'agent' ? agentName : null;
    const body = h('div', { class: 'tandem-body' },
      who && h('span', { class: 'tandem-sr-only', text: `${who}: ` }),
      entry.role === 'agent' && h('div', { class: 'tandem-sender', 'aria-hidden': 'true', text: agentName }),
      h('div', { class: 'tandem-bubble' }, text),
      citations.length > 0 && renderCitations(citations, citationId, t));
    const node = h('div', {
      class: `tandem-msg tandem-msg--${entry.role}`,
      'data-testid': 'tandem-message',
      'data-role': entry.role,
      'data-seq': entry.seq ?? '',
      'data-cid': entry.cid ?? null,
      'data-state': entry.state || '',
    },
    entry.role === 'bot' && h('div', { class: 'tandem-avatar', 'aria-hidden': 'true' }, icon('bot')),
    entry.role === 'agent' && h('div', { class: 'tandem-avatar tandem-avatar--agent', 'aria-hidden': 'true', text: initial(agentName) }),
    body);

    if (entry.role === 'user') updateDeliveryState(node, entry, t);
    if (entry.role === 'bot') {
      const thumb = (rating, name, label) => h('button', {
        type: 'button', class: 'tandem-iconbtn tandem-rate', 'data-testid': `tandem-feedback-${rating > 0 ? 'up' : 'down'}`,
        'data-rating': String(rating), 'aria-label': t(label), title: t(label), onclick: () => this.onRate(entry, rating),
      }, icon(name));
      body.append(h('div', { class: 'tandem-meta tandem-feedback', role: 'group', 'aria-label': t('feedbackGroup') },
        thumb(1, 'thumbUp', 'helpful'), thumb(-1, 'thumbDown', 'notHelpful'), h('span', { class: 'tandem-thanks', role: 'status' })));
      updateFeedback(node, entry, t, { quiet: true });
    }
    return node;
  }

  /** [n] markers jump to their source in the list below the answer. */
  onClick(e) {
    const marker = e.target.closest('.tandem-marker');
    if (!marker) return;
    e.preventDefault(); // do not touch the host page's URL hash
    const target = this.element.querySelector(`[id="${CSS.escape(marker.getAttribute('href').slice(1))}"]`);
    if (!target) return;
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    target.scrollIntoView({ block: 'nearest', behavior: reduced ? 'auto' : 'smooth' });
    target.focus({ preventScroll: true });
    target.classList.remove('tandem-flash');
    void target.offsetWidth; // restart the highlight animation
    target.classList.add('tandem-flash');
  }
}

function updateDeliveryState(node, entry, t) {
  node.dataset.state = entry.state || '';
  node.dataset.seq = String(entry.seq ?? '');
  if (entry.role !== 'user') return;
  let meta = node.querySelector('.tandem-sending');
  if (entry.state === 'sending' && !meta) {
    meta = h('div', { class: 'tandem-meta tandem-sending', 'data-testid': 'tandem-sending' },
      icon('clock', 'tandem-icon tandem-icon--sm'), h('span', { text: t('sending') }));
    node.querySelector('.tandem-body').append(meta);
  } else if (entry.state !== 'sending' && meta) {
    meta.remove();
  }
}

function updateFeedback(node, entry, t, { quiet = false } = {}) {
  for (const btn of node.querySelectorAll('.tandem-rate')) {
    btn.setAttribute('aria-pressed', String(entry.rating === Number(btn.dataset.rating)));
    btn.disabled = entry.seq == null;
  }
  const thanks = node.querySelector('.tandem-thanks');
  if (thanks && !quiet) thanks.textContent = entry.rating ? t('thanks') : '';
  node.querySelector('.tandem-feedback')?.classList.toggle('tandem-feedback--rated', Boolean(entry.rating));
}

function initial(name) {
  const parts = String(name || '').trim().split(/\s+/).filter(Boolean);
  // Vietnamese names put the given name last: "Nguyễn Thị Lan" → "L"
  return parts.length ? parts[parts.length - 1].charAt(0).toUpperCase() : '';
}
