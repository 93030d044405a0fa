// One WebSocket to the chat server that keeps coming back: on close or error
// it reconnects with exponential backoff and jitter (at most ~15 s apart), and
// at once when the browser comes back online or the tab becomes visible.

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 15000;

export class Connection {
  /**
   * @param {string} url ws(s)://host/ws/chat?v=1
   * @param {{onOpen: () => void, onFrame: (frame: object) => void, onDown: () => void}} handlers
   */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.socket = null;
    this.attempt = 0;
    this.timer = null;
    this.stopped = false;
    this.retryNow = () => {
      if (!this.stopped && (!this.socket || this.socket.readyState === WebSocket.CLOSED)) {
        clearTimeout(this.timer);
        this.open();
      }
    };
    window.addEventListener('online', this.retryNow);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.retryNow();
    });
  }

  start() {
    this.stopped = false;
    this.open();
  }

  open() {
    let socket;
    try {
      socket = new WebSocket(this.url);
    } catch (err) {
      console.warn('[tandem] cannot open the chat socket', err);
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => this.handlers.onOpen());
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      let frame;
      try { frame = JSON.parse(event.data); } catch { return; }
      if (frame && typeof frame.type === 'string') this.handlers.onFrame(frame);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.handlers.onDown();
      this.scheduleRetry();
    });
    // 'error' is always followed by 'close', which does the work.
  }

  /** The server accepted our hello: the next outage starts over with a short delay. */
  markHealthy() {
    this.attempt = 0;
  }

  scheduleRetry() {
    if (this.stopped) return;
    const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this.attempt);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2); // jitter: many tabs must not retry in step
    this.attempt += 1;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.open(), delay);
  }

  /** Sends a frame if the socket is open; returns false when it could not. */
  send(frame) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }
}

/** ws(s)://…/ws/chat?v=1 for a server base such as https://support.example.com/ */
export function chatUrl(serverBase) {
  const url = new URL('ws/chat', serverBase);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '?v=1';
  return url.href;
}
