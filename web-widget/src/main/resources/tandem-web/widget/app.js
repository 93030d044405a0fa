// The chat panel: header, transcript, composer. It speaks the /ws/chat?v=1
// protocol through Connection, keeps its state in Conversation, and builds
// every node with the helpers of dom.js and render.js (never innerHTML).

import { h, icon } from './dom.js';
import { translator } from './i18n.js';
import { Conversation } from './conversation.js';
import { Connection, chatUrl } from './connection.js';
import { renderText, renderCitations } from './render.js';

const ROLES = new Set(['bot', 'user', 'agent', 'system']);
const HUMAN_STATUSES = new Set(['waiting_agent', 'agent']);
const NOTE_STATUSES = new Set(['waiting_agent', 'resolved']);
const BOT_TYPING_TIMEOUT_MS = 60000; // stop the dots if no answer ever comes
const AGENT_TYPING_TIMEOUT_MS = 6000; // agents' typing frames repeat while they type
const TYPING_SEND_INTERVAL_MS = 3000;
const MAX_TEXT = 2000;

/** Called by widget.js once the module is loaded. */
export function mount({ root, launcher, badge, config }) {
  const widget = new ChatWidget(root, launcher, badge, config);
  return {
    open: (options) => widget.open(options),
    close: () => widget.close(),
    toggle: () => (widget.isOpen() ? widget.close() : widget.open()),
    configChanged: () => widget.configChanged(),
  };
}

class ChatWidget {
  constructor(root, launcher, badge, config) {
    this.root = root;
    this.launcher = launcher;
    this.badge = badge;
    this.config = config;
    this.t = translator(config.lang);
    this.conv = new Conversation({ identityToken: config.identityToken });
    this.nodes = new WeakMap(); // transcript entry → its DOM node
    this.connState = 'connecting';
    this.replayUntil = 0;
    this.pendingControls = []; // feedback / escalate frames typed while offline
    this.unread = 0;
    this.streaming = null;
    this.typingTimer = null;
    this.lastTypingSent = 0;
    this.conv.agentName = [...this.conv.entries].reverse().find((e) => e.note === 'agent_joined')?.name ?? null;

    this.build();
    this.applyStrings();
    this.syncTranscript();

    this.connection = new Connection(chatUrl(config.serverBase), {
      onOpen: () => this.sayHello(),
      onFrame: (frame) => this.onFrame(frame),
      onDown: () => this.onDown(),
    });
    this.connection.start();
  }

  // ---------------------------------------------------------------- layout

  build() {
    const t = this.t;
    this.titleEl = h('h2', { id: 'tandem-title', class: 'tandem-title' });
    this.statusText = h('span', { class: 'tandem-status__text' });
    this.statusEl = h('p', { class: 'tandem-status', role: 'status', 'data-testid': 'tandem-status' },
      h('span', { class: 'tandem-status__dot', 'aria-hidden': 'true' }), this.statusText);
    this.escalateLabel = h('span', { class: 'tandem-escalate__label' });
    this.escalateBtn = h('button', { type: 'button', class: 'tandem-escalate', 'data-testid': 'tandem-escalate', onclick: () => this.escalate() },
      icon('human'), this.escalateLabel);
    this.closeBtn = h('button', { type: 'button', class: 'tandem-iconbtn tandem-close', 'data-testid': 'tandem-close', onclick: () => this.close() },
      icon('close'));
    const header = h('header', { class: 'tandem-header' },
      h('div', { class: 'tandem-avatar tandem-avatar--lg', 'aria-hidden': 'true' }, icon('bot')),
      h('div', { class: 'tandem-heading' }, this.titleEl, this.statusEl),
      this.escalateBtn, this.closeBtn);

    this.banner = h('div', { class: 'tandem-banner', role: 'alert', 'data-testid': 'tandem-error', hidden: true });

    this.greetingText = h('div', { class: 'tandem-text' });
    this.suggestions = h('div', { class: 'tandem-suggestions', 'data-testid': 'tandem-suggestions' });
    this.greeting = h('div', { class: 'tandem-msg tandem-msg--bot tandem-greeting' },
      h('div', { class: 'tandem-avatar', 'aria-hidden': 'true' }, icon('bot')),
      h('div', { class: 'tandem-body' }, h('div', { class: 'tandem-bubble' }, this.greetingText), this.suggestions));
    this.log = h('div', { class: 'tandem-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'data-testid': 'tandem-messages' });
    this.log.addEventListener('click', (e) => this.onLogClick(e));
    this.streamHost = h('div', { class: 'tandem-stream', 'aria-hidden': 'true' });
    this.typingText = h('span', { class: 'tandem-sr-only' });
    this.typing = h('div', { class: 'tandem-msg tandem-msg--bot tandem-typing', 'data-testid': 'tandem-typing', hidden: true },
      h('div', { class: 'tandem-avatar', 'aria-hidden': 'true' }, icon('bot')),
      h('div', { class: 'tandem-bubble tandem-dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')),
      this.typingText);
    this.scroller = h('div', { class: 'tandem-scroll' }, this.greeting, this.log, this.streamHost, this.typing);

    this.input = h('textarea', {
      id: 'tandem-input', class: 'tandem-input', rows: '1', maxlength: String(MAX_TEXT),
      'data-testid': 'tandem-input', 'aria-describedby': 'tandem-hint', enterkeyhint: 'send',
    });
    this.input.addEventListener('keydown', (e) => {
      // isComposing / 229: Vietnamese IMEs (Telex, VNI) use Enter while composing
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        this.submit(this.input.value);
      }
    });
    this.input.addEventListener('input', () => { this.autosize(); this.sendTyping(); });
    this.inputLabel = h('label', { class: 'tandem-sr-only', for: 'tandem-input' });
    this.sendBtn = h('button', { type: 'submit', class: 'tandem-send', 'data-testid': 'tandem-send' }, icon('send'));
    this.hint = h('p', { id: 'tandem-hint', class: 'tandem-hint' });
    const composer = h('form', { class: 'tandem-composer', onsubmit: (e) => { e.preventDefault(); this.submit(this.input.value); this.input.focus(); } },
      this.inputLabel, h('div', { class: 'tandem-field' }, this.input, this.sendBtn));
    this.disclaimer = h('span');
    const footer = h('footer', { class: 'tandem-footer' }, this.hint, h('p', { class: 'tandem-disclaimer' }, this.disclaimer));

    this.panel = h('section', {
      id: 'tandem-panel', class: 'tandem-panel', role: 'dialog', 'aria-modal': 'false',
      'aria-labelledby': 'tandem-title', 'data-testid': 'tandem-panel', hidden: true,
    }, header, this.banner, this.scroller, composer, footer);
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { e.stopPropagation(); this.close(); }
    });
    this.root.insertBefore(this.panel, this.launcher);
  }

  applyStrings() {
    const t = this.t;
    const company = this.config.company || t('defaultCompany');
    this.root.lang = this.config.lang;
    this.titleEl.textContent = company;
    this.greetingText.replaceChildren();
    renderText(this.greetingText, this.config.company ? t('greeting', { company }) : t('greetingGeneric'));
    this.escalateLabel.textContent = t('escalate');
    this.escalateBtn.title = t('escalateTitle');
    this.closeBtn.setAttribute('aria-label', t('closeChat'));
    this.closeBtn.title = t('close');
    this.input.placeholder = t('placeholder');
    this.inputLabel.textContent = t('inputLabel');
    this.sendBtn.setAttribute('aria-label', t('send'));
    this.sendBtn.title = t('send');
    this.hint.textContent = t('hint');
    this.disclaimer.textContent = t('disclaimer');
    this.log.setAttribute('aria-label', t('messages'));
    this.renderSuggestions();
    this.updateHeader();
    this.updateBadge();
  }

  configChanged() {
    this.t = translator(this.config.lang);
    this.applyStrings();
    this.syncTranscript({ rebuild: true });
  }

  renderSuggestions() {
    const show = this.conv.entries.length === 0 && this.config.suggestions.length > 0;
    this.suggestions.replaceChildren(...(show ? this.config.suggestions.map((text) =>
      h('button', { type: 'button', class: 'tandem-chip', 'data-testid': 'tandem-suggestion', onclick: () => this.submit(text), text })) : []));
    this.suggestions.hidden = !show;
  }

  // ------------------------------------------------------------ open/close

  isOpen() {
    return !this.panel.hidden;
  }

  open({ restoring = false } = {}) {
    this.panel.hidden = false;
    this.root.dataset.open = 'true';
    this.launcher.setAttribute('aria-expanded', 'true');
    this.launcher.setAttribute('aria-label', this.t('closeChat'));
    remember('tandem.open', '1');
    this.unread = 0;
    this.updateBadge();
    this.scrollToBottom(true);
    if (!restoring) this.input.focus({ preventScroll: true });
  }

  close() {
    const hadFocus = this.panel.contains(document.activeElement);
    this.panel.hidden = true;
    delete this.root.dataset.open;
    this.launcher.setAttribute('aria-expanded', 'false');
    remember('tandem.open', '0');
    this.updateBadge();
    if (hadFocus) this.launcher.focus();
  }

  updateBadge() {
    this.badge.textContent = this.unread > 9 ? '9+' : String(this.unread);
    this.badge.hidden = this.unread === 0;
    if (!this.isOpen()) {
      const label = this.t('openChat');
      this.launcher.setAttribute('aria-label', this.unread ? `${label} (${this.t('unread', { n: this.unread })})` : label);
    }
  }

  // -------------------------------------------------------------- protocol

  sayHello() {
    this.frame({
      type: 'hello',
      visitorId: this.conv.visitorId,
      conversationId: this.conv.conversationId || undefined,
      lastSeq: this.conv.lastSeq,
      lang: this.config.lang,
      identityToken: this.config.identityToken || undefined,
    });
  }

  frame(frame) {
    return this.connection.send(frame);
  }

  onDown() {
    this.setConn('reconnecting');
    this.dropStreaming();
    this.hideTyping();
  }

  onFrame(f) {
    switch (f.type) {
      case 'welcome': return this.onWelcome(f);
      case 'ack': return this.onAck(f);
      case 'message': return this.onMessage(f);
      case 'delta': return this.onDelta(f);
      case 'status': return this.onStatus(f);
      case 'agent_joined': return this.onAgentJoined(f);
      case 'typing': return this.onTyping(f);
      case 'error': return this.onError(f);
      default: return undefined; // newer servers may send more; ignore what we do not know
    }
  }

  onWelcome(f) {
    const reset = this.conv.applyWelcome(f);
    this.replayUntil = typeof f.lastSeq === 'number' ? f.lastSeq : 0;
    this.connection.markHealthy();
    this.setConn('online');
    if (reset) this.syncTranscript({ rebuild: true });
    for (const m of this.conv.outbox) this.frame({ type: 'message', cid: m.cid, text: m.text });
    for (const control of this.pendingControls.splice(0)) this.frame(control);
    if (this.conv.outbox.length && !HUMAN_STATUSES.has(this.conv.status)) this.showTyping('bot');
  }

  onAck(f) {
    const entry = this.conv.applyAck(f);
    if (entry) this.syncTranscript();
  }

  onMessage(f) {
    const role = ROLES.has(f.role) ? f.role : 'system';
    const citations = Array.isArray(f.citations)
      ? f.citations.filter((c) => c && Number.isInteger(Number(c.n))).map((c) => ({
        n: Number(c.n), title: str(c.title), url: str(c.url), snippet: str(c.snippet), heading: str(c.heading),
      }))
      : [];
    const entry = this.conv.applyEvent({ kind: 'message', role, text: str(f.text), citations }, f.seq, f.cid);
    if (role === 'bot') this.dropStreaming();
    if (role === 'bot' || role === 'agent') this.hideTyping();
    if (!entry) return;
    const live = !(typeof f.seq === 'number' && f.seq <= this.replayUntil);
    if (live && role !== 'user' && !this.isOpen()) { this.unread += 1; this.updateBadge(); }
    this.syncTranscript();
  }

  onDelta(f) {
    if (typeof f.text !== 'string') return;
    this.hideTyping();
    if (!this.streaming) {
      const text = h('div', { class: 'tandem-text' });
      const node = h('div', { class: 'tandem-msg tandem-msg--bot tandem-msg--streaming', 'data-testid': 'tandem-streaming' },
        h('div', { class: 'tandem-avatar', 'aria-hidden': 'true' }, icon('bot')),
        h('div', { class: 'tandem-body' }, h('div', { class: 'tandem-bubble' }, text)));
      this.streaming = { node, text, value: '' };
      this.streamHost.append(node);
    }
    const near = this.nearBottom();
    this.streaming.value += f.text;
    renderText(this.streaming.text, this.streaming.value);
    if (near) this.scrollToBottom();
  }

  onStatus(f) {
    if (typeof f.status !== 'string') return;
    if (typeof f.seq === 'number' && this.conv.hasSeq(f.seq)) return;
    this.conv.status = f.status;
    if (NOTE_STATUSES.has(f.status)) {
      this.conv.applyEvent({ kind: 'note', note: f.status }, f.seq);
      this.syncTranscript();
    } else {
      this.conv.bump(f.seq);
      this.conv.save();
    }
    if (HUMAN_STATUSES.has(f.status)) this.hideTyping();
    this.updateHeader();
  }

  onAgentJoined(f) {
    const name = str(f.name) || this.t('roleAgent');
    this.conv.agentName = name;
    if (this.conv.applyEvent({ kind: 'note', note: 'agent_joined', name }, f.seq)) this.syncTranscript();
    this.updateHeader();
  }

  onTyping(f) {
    if (f.role === 'bot' || f.role === 'agent') {
      this.showTyping(f.role, f.role === 'agent' ? AGENT_TYPING_TIMEOUT_MS : BOT_TYPING_TIMEOUT_MS);
    }
  }

  onError(f) {
    this.hideTyping();
    this.dropStreaming();
    this.banner.textContent = str(f.message) || this.t('errorGeneric');
    this.banner.hidden = false;
    clearTimeout(this.bannerTimer);
    this.bannerTimer = setTimeout(() => { this.banner.hidden = true; }, 8000);
  }

  setConn(state) {
    this.connState = state;
    this.updateHeader();
  }

  updateHeader() {
    const { status, agentName } = this.conv;
    let state = this.connState;
    let text = this.t(`conn.${state}`);
    if (state === 'online' && (HUMAN_STATUSES.has(status) || status === 'resolved')) {
      state = status;
      text = status === 'agent' && agentName ? `${agentName} · ${this.t('status.agent')}` : this.t(`status.${status}`);
    }
    this.statusEl.dataset.state = state;
    if (this.statusText.textContent !== text) this.statusText.textContent = text;
    this.escalateBtn.disabled = HUMAN_STATUSES.has(status);
  }

  // ----------------------------------------------------------- user actions

  submit(raw) {
    const text = String(raw ?? '').trim().slice(0, MAX_TEXT);
    if (!text) return;
    if (raw === this.input.value) { this.input.value = ''; this.autosize(); }
    const entry = this.conv.addOutgoing(text);
    this.syncTranscript();
    this.scrollToBottom(true);
    if (this.connState === 'online') this.frame({ type: 'message', cid: entry.cid, text });
    if (!HUMAN_STATUSES.has(this.conv.status)) this.showTyping('bot');
  }

  escalate() {
    this.control({ type: 'escalate' });
    this.escalateBtn.disabled = true;
  }

  rate(entry, rating) {
    if (entry.seq == null || entry.rating === rating) return;
    this.conv.setRating(entry, rating);
    this.control({ type: 'feedback', seq: entry.seq, rating });
    const node = this.nodes.get(entry);
    if (node) updateFeedback(node, entry, this.t);
  }

  control(frame) {
    if (this.connState !== 'online' || !this.frame(frame)) this.pendingControls.push(frame);
  }

  sendTyping() {
    if (this.conv.status !== 'agent' || this.connState !== 'online') return;
    const now = Date.now();
    if (now - this.lastTypingSent > TYPING_SEND_INTERVAL_MS) {
      this.lastTypingSent = now;
      this.frame({ type: 'typing' });
    }
  }

  onLogClick(e) {
    const marker = e.target.closest('.tandem-marker');
    if (!marker) return;
    e.preventDefault(); // do not touch the host page's URL hash
    const target = this.panel.querySelector(`[id="${CSS.escape(marker.getAttribute('href').slice(1))}"]`);
    if (!target) return;
    target.scrollIntoView({ block: 'nearest', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
    target.focus({ preventScroll: true });
    target.classList.remove('tandem-flash');
    void target.offsetWidth; // restart the highlight animation
    target.classList.add('tandem-flash');
  }

  // ------------------------------------------------------------ transcript

  /** Makes the log show conv.ordered(), creating or updating only what changed. */
  syncTranscript({ rebuild = false } = {}) {
    if (rebuild) {
      this.nodes = new WeakMap();
      this.log.replaceChildren();
    }
    const near = this.nearBottom();
    const entries = this.conv.ordered();
    const wanted = new Set();
    entries.forEach((entry, i) => {
      let node = this.nodes.get(entry);
      if (!node) {
        node = this.renderEntry(entry);
        this.nodes.set(entry, node);
      } else if (node.dataset.state !== (entry.state || '') || node.dataset.seq !== String(entry.seq ?? '')) {
        updateUserState(node, entry, this.t);
      }
      wanted.add(node);
      if (this.log.children[i] !== node) this.log.insertBefore(node, this.log.children[i] || null);
    });
    for (const child of [...this.log.children]) if (!wanted.has(child)) child.remove();
    this.renderSuggestions();
    if (near) this.scrollToBottom();
  }

  renderEntry(entry) {
    const t = this.t;
    if (entry.kind === 'note' || entry.role === 'system') {
      const text = entry.kind === 'note' ? t(`note.${entry.note}`, { name: entry.name ?? '' }) : entry.text;
      return h('div', { class: 'tandem-note', 'data-testid': 'tandem-note', 'data-seq': entry.seq ?? '' }, h('span', { text }));
    }
    const key = entry.seq ?? entry.cid ?? entry.t;
    const citationId = (n) => `tandem-c-${key}-${n}`;
    const citations = entry.role === 'bot' ? entry.citations ?? [] : [];
    const text = h('div', { class: 'tandem-text', 'data-testid': 'tandem-message-text' });
    renderText(text, entry.text, { citations: new Map(citations.map((c) => [c.n, c])), citationId, t });
    const body = h('div', { class: 'tandem-body' });
    if (entry.role === 'agent') body.append(h('div', { class: 'tandem-sender', text: this.conv.agentName || t('roleAgent') }));
    body.append(h('div', { class: 'tandem-bubble' }, text));
    if (citations.length) body.append(renderCitations(citations, citationId, t));
    const node = h('div', {
      class: `tandem-msg tandem-msg--${entry.role}`,
      'data-testid': 'tandem-message',
      'data-role': entry.role,
      'data-seq': entry.seq ?? '',
      'data-cid': entry.cid ?? null,
      'data-state': entry.state || '',
    });
    if (entry.role === 'bot') node.append(h('div', { class: 'tandem-avatar', 'aria-hidden': 'true' }, icon('bot')));
    if (entry.role === 'agent') node.append(h('div', { class: 'tandem-avatar tandem-avatar--agent', 'aria-hidden': 'true', text: initials(this.conv.agentName) }));
    const who = entry.role === 'bot' ? t('roleBot') : entry.role === 'agent' ? this.conv.agentName || t('roleAgent') : null;
    if (who) body.prepend(h('span', { class: 'tandem-sr-only', text: `${who}: ` }));
    node.append(body);
    if (entry.role === 'user') updateUserState(node, entry, t);
    if (entry.role === 'bot') {
      const up = h('button', { type: 'button', class: 'tandem-iconbtn tandem-rate', 'data-testid': 'tandem-feedback-up', 'data-rating': '1', 'aria-label': t('helpful'), title: t('helpful'), onclick: () => this.rate(entry, 1) }, icon('thumbUp'));
      const down = h('button', { type: 'button', class: 'tandem-iconbtn tandem-rate', 'data-testid': 'tandem-feedback-down', 'data-rating': '-1', 'aria-label': t('notHelpful'), title: t('notHelpful'), onclick: () => this.rate(entry, -1) }, icon('thumbDown'));
      const thanks = h('span', { class: 'tandem-thanks', role: 'status' });
      body.append(h('div', { class: 'tandem-meta tandem-feedback', role: 'group', 'aria-label': t('feedbackGroup') }, up, down, thanks));
      updateFeedback(node, entry, t, { quiet: true });
    }
    return node;
  }

  // ---------------------------------------------------------------- typing

  showTyping(role, timeout = BOT_TYPING_TIMEOUT_MS) {
    if (this.streaming) return;
    this.typing.hidden = false;
    this.typing.dataset.role = role;
    this.typingText.textContent = role === 'agent' ? this.t('typingAgent') : this.t('typingBot');
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.hideTyping(), timeout);
    if (this.nearBottom(160)) this.scrollToBottom();
  }

  hideTyping() {
    clearTimeout(this.typingTimer);
    this.typing.hidden = true;
  }

  dropStreaming() {
    if (this.streaming) {
      this.streaming.node.remove();
      this.streaming = null;
    }
  }

  // ------------------------------------------------------------- scrolling

  nearBottom(slack = 96) {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < slack;
  }

  scrollToBottom(force = false) {
    if (force || this.nearBottom()) this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  autosize() {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 140)}px`;
  }
}

function updateUserState(node, entry, t) {
  node.dataset.state = entry.state || '';
  node.dataset.seq = String(entry.seq ?? '');
  if (entry.role !== 'user') return;
  let meta = node.querySelector('.tandem-sending');
  if (entry.state === 'sending' && !meta) {
    meta = h('div', { class: 'tandem-meta tandem-sending', 'data-testid': 'tandem-sending' }, icon('clock', 'tandem-icon tandem-icon--sm'), h('span', { text: t('sending') }));
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

function initials(name) {
  const parts = String(name || '').trim().split(/\s+/).filter(Boolean);
  if (!parts.length) return '';
  // Vietnamese names put the given name last: "Nguyễn Thị Lan" → "L"
  return parts[parts.length - 1].charAt(0).toUpperCase();
}

function str(value) {
  return value == null ? '' : String(value);
}

function remember(key, value) {
  try { localStorage.setItem(key, value); } catch { /* storage blocked */ }
}

function prefersReducedMotion() {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
}
