// The widget's copy of one conversation: the transcript it shows, the outbox
// of messages the server has not acknowledged yet, and where to resume.
// Everything is kept in localStorage (keys "tandem.*") so that a reload shows
// the chat at once and reconnects asking only for newer events.

const KEY = {
  visitorId: 'tandem.visitorId',
  conversationId: 'tandem.conversationId',
  lastSeq: 'tandem.lastSeq',
  transcript: 'tandem.transcript',
  outbox: 'tandem.outbox',
  identity: 'tandem.identity',
};
const MAX_KEPT = 200; // transcript entries kept in storage; older ones live on the server

/** A UUID v4, also on plain-http pages where crypto.randomUUID is missing. */
export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Who the stored conversation belongs to. A B2B host passes a signed token; if
 * another person logs in on the same browser, the stored chat must not show.
 * The token is only read here to tell people apart, never trusted: the server
 * verifies it.
 */
export function identityKey(token) {
  if (!token) return 'anonymous';
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return `${payload.account ?? ''}/${payload.sub ?? ''}`;
  } catch {
    return 'token';
  }
}

const storage = {
  get(key) {
    try { return localStorage.getItem(key); } catch { return null; }
  },
  set(key, value) {
    try {
      if (value == null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch { /* private mode or quota: the chat still works, it just is not kept */ }
  },
  json(key, fallback) {
    try { return JSON.parse(this.get(key)) ?? fallback; } catch { return fallback; }
  },
};

export class Conversation {
  constructor({ identityToken }) {
    const who = identityKey(identityToken);
    if (storage.get(KEY.identity) !== who) {
      for (const key of Object.values(KEY)) storage.set(key, null);
      storage.set(KEY.identity, who);
    }
    this.visitorId = storage.get(KEY.visitorId) || uuid();
    this.conversationId = storage.get(KEY.conversationId);
    this.lastSeq = Number(storage.get(KEY.lastSeq)) || 0;
    this.entries = storage.json(KEY.transcript, []).filter((e) => e && typeof e === 'object');
    this.outbox = storage.json(KEY.outbox, []).filter((m) => m && m.cid && typeof m.text === 'string');
    this.status = 'open';
    this.agentName = null;
    this.localClock = Date.now();
    for (const e of this.entries) if (e.cid && e.seq == null) e.state = 'sending';
    this.save();
  }

  /** Entries in display order: by seq; messages still waiting for their ack go last. */
  ordered() {
    return [...this.entries].sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity) || (a.t ?? 0) - (b.t ?? 0));
  }

  hasSeq(seq) {
    return this.entries.some((e) => e.seq === seq);
  }

  byCid(cid) {
    return cid ? this.entries.find((e) => e.cid === cid) : undefined;
  }

  /** The visitor typed something: show it now, send it when connected. */
  addOutgoing(text) {
    const cid = uuid();
    const entry = { kind: 'message', role: 'user', text, cid, seq: null, state: 'sending', t: ++this.localClock };
    this.entries.push(entry);
    this.outbox.push({ cid, text });
    this.save();
    return entry;
  }

  /**
   * welcome {conversationId, visitorId, resumedFrom, lastSeq, status}.
   * Returns true when the server started a different conversation than the one
   * stored, in which case the old transcript is dropped (its seqs mean nothing now).
   */
  applyWelcome(frame) {
    let reset = false;
    if (frame.visitorId) this.visitorId = frame.visitorId;
    if (frame.conversationId && this.conversationId && frame.conversationId !== this.conversationId) {
      this.entries = this.entries.filter((e) => e.seq == null && e.cid); // keep only unsent messages
      this.lastSeq = 0;
      reset = true;
    }
    if (frame.conversationId) this.conversationId = frame.conversationId;
    if (frame.status) this.status = frame.status;
    this.save();
    return reset;
  }

  /** ack {cid, seq}: the server stored our message. */
  applyAck({ cid, seq }) {
    const entry = this.byCid(cid);
    this.outbox = this.outbox.filter((m) => m.cid !== cid);
    if (entry && typeof seq === 'number') {
      if (entry.seq == null && this.hasSeq(seq)) {
        // the replay already delivered this message under its seq: drop the local copy
        this.entries = this.entries.filter((e) => e !== entry);
      } else {
        entry.seq = seq;
      }
      entry.state = 'sent';
    }
    // lastSeq moves only with durable events: the message itself follows the ack as one
    this.save();
    return entry;
  }

  /**
   * A stored event (message, status, agent_joined) with its seq. Returns the new
   * or updated entry, or null when that seq is not above lastSeq or is shown already.
   */
  applyEvent(entryFields, seq, cid) {
    if (typeof seq === 'number' && (seq <= this.lastSeq || this.hasSeq(seq))) {
      this.bump(seq); // shown already; still, the replay has reached it
      this.save();
      return null;
    }
    let entry = this.byCid(cid);
    if (entry && entry.seq != null && entry.seq !== seq) entry = undefined; // a cid is used once; be safe
    if (entry) {
      Object.assign(entry, entryFields, { seq, state: 'sent' });
      this.outbox = this.outbox.filter((m) => m.cid !== cid);
    } else {
      entry = { ...entryFields, seq: seq ?? null, cid: cid ?? null, t: ++this.localClock };
      this.entries.push(entry);
    }
    this.bump(seq);
    this.save();
    return entry;
  }

  /** The newest durable event seen; the server sends them in seq order, without gaps. */
  bump(seq) {
    if (typeof seq === 'number' && seq > this.lastSeq) this.lastSeq = seq;
  }

  setRating(entry, rating) {
    entry.rating = rating;
    this.save();
  }

  save() {
    const kept = this.ordered().slice(-MAX_KEPT);
    storage.set(KEY.visitorId, this.visitorId);
    storage.set(KEY.conversationId, this.conversationId);
    storage.set(KEY.lastSeq, String(this.lastSeq));
    storage.set(KEY.transcript, JSON.stringify(kept));
    storage.set(KEY.outbox, JSON.stringify(this.outbox));
  }
}
