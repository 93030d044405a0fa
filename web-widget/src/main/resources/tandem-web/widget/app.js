// The chat panel: header, transcript, composer. It speaks the /ws/chat?v=1
// protocol through Connection, keeps its state in Conversation, and builds
// every node with the helpers of dom.js and render.js (never innerHTML).

import { h, icon } from './dom.js';
import { translator } from './i18n.js';
import { Conversation } from './conversation.js';
import { Connection, chatUrl } from './connection.js';
import { renderText } from './render.js';
import { TranscriptView } from './transcript.js';

const ROLES = new Set(['bot', 'user', 'agent', 'system']);
const HUMAN_STATUSES = new Set(['waiting_agent', 'agent']);
const NOTE_STATUSES = new Set(['waiting_agent', 'resolved']);
const BOT_TYPING_TIMEOUT_MS = 60000; // stop the dots if no answer ever comes
const AGENT_TYPING_TIMEOUT_MS = 6000; // agents' typing frames repeat while they type
const TYPING_SEND_INTERVAL_MS = 3000;
const MAX_TEXT = 4000; // the server's limit too
const ACK_TIMEOUT_MS = 10000; // no ack by then: send the same cid again (the server stores it once)
const RESEND_FIRST_MS = 1000; // after rate_limited / store_unavailable, doubling up to RESEND_MAX_MS
const RESEND_MAX_MS = 30000;

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
    this.connState = 'connecting';
    this.replayUntil = 0;
    this.pendingControls = []; // feedback / escalate frames typed while offline
    this.sentAt = new Map(); // cid → when it last went out, for the ack timeout
    this.resendAttempt = 0;
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
    setInterval(() => this.resendUnacked((m) => Date.now() - (this.sentAt.get(m.cid) ?? 0) > ACK_TIMEOUT_MS), 2000);
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
      this.closeBtn);

    this.banner = h('div', { class: 'tandem-banner', role: 'alert', 'data-testid': 'tandem-error', hidden: true });

    this.greetingText = h('div', { class: 'tandem-text' });
    this.suggestions = h('div', { class: 'tandem-suggestions', 'data-testid': 'tandem-suggestions' });
    this.greeting = h('div', { class: 'tandem-msg tandem-msg--bot tandem-greeting' },
      h('div', { class: 'tandem-avatar', 'aria-hidden': 'true' }, icon('bot')),
      h('div', { class: 'tandem-body' }, h('div', { class: 'tandem-bubble' }, this.greetingText), this.suggestions));
    this.transcript = new TranscriptView(this.conv, t, (entry, rating) => this.rate(entry, rating));
    this.streamHost = h('div', { class: 'tandem-stream', 'aria-hidden': 'true' });
    this.typingText = h('span', { class: 'tandem-sr-only' });
    this.typing = h('div', { class: 'tandem-msg tandem-msg--bot tandem-typing', 'data-testid': 'tandem-typing', hidden: true },
      h('div', { class: 'tandem-avatar', 'aria-hidden': 'true' }, icon('bot')),
      h('div', { class: 'tandem-bubble tandem-dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')),
      this.typingText);
    this.scroller = h('div', { class: 'tandem-scroll' }, this.greeting, this.transcript.element, this.streamHost, this.typing);

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
    this.hint = h('span', { id: 'tandem-hint', class: 'tandem-sr-only' });
    const composer = h('form', { class: 'tandem-composer', onsubmit: (e) => { e.preventDefault(); this.submit(this.input.value); this.input.focus(); } },
      this.inputLabel, this.hint, h('div', { class: 'tandem-field' }, this.input, this.sendBtn));
    this.disclaimer = h('p', { class: 'tandem-disclaimer' });
    const footer = h('footer', { class: 'tandem-footer' }, this.escalateBtn, this.disclaimer);

    this.panel = h('section', {
      id: 'tandem-panel', class: 'tandem-panel', role: 'dialog',
      'aria-labelledby': 'tandem-title', 'data-testid': 'tandem-panel', hidden: true,
    }, header, this.banner, this.scroller, composer, footer);
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { e.stopPropagation(); this.close(); }
      if (e.key === 'Tab' && this.fullScreen.matches) this.keepFocusInside(e);
    });
    // On a phone the panel covers the page: it behaves as a modal dialog there.
    this.fullScreen = window.matchMedia('(max-width: 480px)');
    const syncModal = () => this.panel.setAttribute('aria-modal', String(this.fullScreen.matches));
    this.fullScreen.addEventListener?.('change', syncModal);
    syncModal();
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
    this.transcript.setTranslator(t);
    this.renderSuggestions();
    this.updateHeader();
    this.updateBadge();
  }

  configChanged() {
    const langChanged = this.root.lang !== this.config.lang;
    this.t = translator(this.config.lang);
    this.applyStrings();
    if (langChanged) this.syncTranscript({ rebuild: true }); // notes and labels are in the old language
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
    this.dispatch(f);
    if (typeof f.seq === 'number') this.markSynced();
  }

  dispatch(f) {
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
    clearTimeout(this.resendTimer);
    this.connection.markHealthy();
    this.setConn('online');
    if (reset) this.syncTranscript({ rebuild: true });
    this.resendUnacked(() => true);
    for (const control of this.pendingControls.splice(0)) this.frame(control);
    if (this.conv.outbox.length && !HUMAN_STATUSES.has(this.conv.status)) this.showTyping('bot');
    this.markSynced();
  }

  /** data-synced tells tests (and styles) that the replay after welcome has arrived. */
  markSynced() {
    this.panel.dataset.synced = String(this.connState === 'online' && this.conv.lastSeq >= this.replayUntil);
  }

  onAck(f) {
    this.sentAt.delete(f.cid);
    this.resendAttempt = 0;
    if (this.banner.dataset.code === 'rate_limited' || this.banner.dataset.code === 'store_unavailable') this.banner.hidden = true;
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
    const fields = { kind: 'message', role, text: str(f.text), citations };
    if (role === 'agent') fields.name = this.conv.agentName; // who wrote it stays with the message
    const entry = this.conv.applyEvent(fields, f.seq, f.cid);
    const streamed = role === 'bot' && this.streaming !== null; // the reader already followed it to its end
    if (role === 'bot') this.dropStreaming();
    if (role === 'bot' || role === 'agent') this.hideTyping();
    if (!entry) return;
    const live = !(typeof f.seq === 'number' && f.seq <= this.replayUntil);
    if (live && role !== 'user' && !this.isOpen()) { this.unread += 1; this.updateBadge(); }
    this.syncTranscript({ followEnd: streamed });
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
    if (typeof f.seq === 'number' && (f.seq <= this.conv.lastSeq || this.conv.hasSeq(f.seq))) {
      this.conv.applyEvent({}, f.seq); // seen already: at most moves lastSeq
      return;
    }
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
    if (f.code === 'hello_required') this.sayHello();
    if ((f.code === 'rate_limited' || f.code === 'store_unavailable') && this.conv.outbox.length) {
      // the message was not stored: send the unacknowledged ones again, same cid, after a pause
      const ceiling = Math.min(RESEND_MAX_MS, RESEND_FIRST_MS * 2 ** this.resendAttempt++);
      clearTimeout(this.resendTimer);
      this.resendTimer = setTimeout(() => this.resendUnacked(() => true), ceiling / 2 + Math.random() * (ceiling / 2));
    }
    this.banner.textContent = str(f.message) || this.t('errorGeneric');
    this.banner.dataset.code = str(f.code);
    this.banner.hidden = false;
    clearTimeout(this.bannerTimer);
    this.bannerTimer = setTimeout(() => { this.banner.hidden = true; }, 8000);
  }

  setConn(state) {
    this.connState = state;
    this.updateHeader();
    this.markSynced();
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
    if (this.connState === 'online') this.sendMessage(entry.cid, text);
    if (!HUMAN_STATUSES.has(this.conv.status)) this.showTyping('bot');
  }

  sendMessage(cid, text) {
    if (this.frame({ type: 'message', cid, text })) this.sentAt.set(cid, Date.now());
  }

  /** Sends again, with their own cid, the outbox messages that `which` selects. */
  resendUnacked(which) {
    if (this.connState !== 'online') return;
    for (const m of this.conv.outbox) if (which(m)) this.sendMessage(m.cid, m.text);
  }

  escalate() {
    this.control({ type: 'escalate' });
    this.escalateBtn.disabled = true;
  }

  rate(entry, rating) {
    if (entry.seq == null || entry.rating === rating) return;
    this.conv.setRating(entry, rating);
    this.control({ type: 'feedback', seq: entry.seq, rating });
    this.transcript.rated(entry);
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

  /** Tab and Shift+Tab cycle inside the full-screen panel instead of reaching the hidden page. */
  keepFocusInside(e) {
    const focusable = [...this.panel.querySelectorAll('button, [href], textarea, [tabindex="0"]')]
      .filter((el) => !el.disabled && el.offsetParent !== null);
    if (!focusable.length) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
  }

  // ------------------------------------------------------------ transcript

  /** Makes the log show conv.ordered(), creating or updating only what changed. */
  syncTranscript({ rebuild = false, followEnd = false } = {}) {
    const near = this.nearBottom();
    const added = this.transcript.sync({ rebuild });
    this.renderSuggestions();
    if (near && !rebuild && !followEnd && added && added.offsetHeight > this.scroller.clientHeight - 48) {
      this.scroller.scrollTop = added.offsetTop - 12; // a long answer: show its beginning, not its end
    } else if (near || rebuild) {
      this.scrollToBottom(true);
    }
  }

  // ---------------------------------------------------------------- typing

  showTyping(role, timeout = BOT_TYPING_TIMEOUT_MS) {
    if (this.streaming) return;
    this.typing.hidden = false;
    this.typing.dataset.typingRole = role;
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
    const near = this.nearBottom();
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 140)}px`;
    if (near) this.scrollToBottom(true); // a taller composer must not hide the newest message
  }
}

function str(value) {
  return value == null ? '' : String(value);
}

function remember(key, value) {
  try { localStorage.setItem(key, value); } catch { /* storage blocked */ }
}
