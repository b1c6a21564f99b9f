// The WebSocket to the gateway (docs/protocol.md): connects, replays what this device missed,
// reconnects with back-off after any loss, resends unanswered sends with the same id (the server
// stores each once), keeps the connection alive and signals presence while the page is seen.

const PING_EVERY_MS = 60_000;
const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 60_000;
const ANSWER_WITHIN_MS = 15_000;

/**
 * Events (CustomEvent, details as named): `state` {state, retryAt}, `frame` {frame} for every server
 * frame, `accepted` {id, frame}, `refused` {id, code, message} for a send the server refused or that
 * went unanswered, `unauthorized` {reason} when the token was refused at the handshake.
 * States: connecting, catching-up, online, offline (retryAt: when it tries again), replaced, stopped.
 */
export class GatewayConnection extends EventTarget {
  constructor({ url, device, token, heartbeatSeconds = 10 }) {
    super();
    this.url = url;
    this.device = device;
    this.token = token;
    this.heartbeatMs = heartbeatSeconds * 1000;
    this.state = 'stopped';
    this.socket = null;
    this.outbox = new Map(); // send id -> {frame, sentAt}
    this.failures = 0;
    this.retryTimer = null;
    this.timers = [];
    this.onOnline = () => this.reconnectNow();
    this.onOffline = () => this.networkLost();
    this.onVisible = () => { if (document.visibilityState === 'visible') this.heartbeat(); };
  }

  start() {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisible);
    this.connect();
  }

  stop() {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisible);
    clearTimeout(this.retryTimer);
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) socket.close(1000, 'logged out');
    this.setState('stopped');
  }

  setToken(token) {
    this.token = token;
  }

  /** Sends text; the answer comes as an `accepted` or `refused` event with this id. */
  send(id, chatId, body) {
    const frame = { type: 'send', id, chatId, body };
    this.outbox.set(id, { frame, sentAt: Date.now() });
    this.write(frame);
  }

  /** Sends a frame that needs no bookkeeping (ack, presence.subscribe, history); dropped while offline. */
  write(frame) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  reconnectNow() {
    if (this.state === 'offline') {
      clearTimeout(this.retryTimer);
      this.failures = 0;
      this.connect();
    }
  }

  /** The browser says the network is gone: the socket cannot outlive it, so waiting for its close is pointless. */
  networkLost() {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    this.clearTimers();
    socket.close(1000, 'network lost');
    this.scheduleRetry();
  }

  connect() {
    this.setState('connecting');
    const address = `${this.url}?device=${encodeURIComponent(this.device)}`;
    let socket;
    try {
      socket = new WebSocket(address, ['chat.v1', 'bearer.' + this.token]);
    } catch (e) {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.setState('catching-up');
      for (const [, pending] of this.outbox) {
        pending.sentAt = Date.now();
        socket.send(JSON.stringify(pending.frame));
      }
      this.startTimers();
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket) return;
      let frame;
      try { frame = JSON.parse(event.data); } catch { return; }
      this.receive(frame);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clearTimers();
      this.closed(event.code, event.reason);
    };
  }

  receive(frame) {
    if (frame.type === 'caught_up') {
      this.failures = 0;
      this.setState('online');
    } else if (frame.type === 'accepted' && this.outbox.has(frame.id)) {
      this.outbox.delete(frame.id);
      this.emit('accepted', { id: frame.id, frame });
    } else if (frame.type === 'error' && frame.id && this.outbox.has(frame.id)) {
      this.outbox.delete(frame.id);
      this.emit('refused', { id: frame.id, code: frame.code, message: frame.message });
    }
    this.emit('frame', { frame });
  }

  closed(code, reason) {
    if (code === 4001) {
      this.setState('replaced');
      return;
    }
    if (code === 1008 && reason.startsWith('token_') && reason !== 'token_keys_unavailable') {
      this.setState('offline');
      this.emit('unauthorized', { reason });
      return;
    }
    const restart = /^reconnect after (\d+) ms$/.exec(reason || '');
    if (code === 1012 && restart) {
      this.scheduleRetry(Number(restart[1]));
      return;
    }
    this.scheduleRetry();
  }

  /** 1 s doubling up to a minute, each wait drawn from half to one and a half of it. */
  scheduleRetry(waitMs) {
    const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** this.failures);
    this.failures += 1;
    const wait = waitMs ?? Math.round(base * (0.5 + Math.random()));
    this.setState('offline', Date.now() + wait);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), wait);
  }

  startTimers() {
    this.heartbeat();
    this.timers.push(setInterval(() => this.heartbeat(), this.heartbeatMs));
    this.timers.push(setInterval(() => this.write({ type: 'ping' }), PING_EVERY_MS));
    this.timers.push(setInterval(() => this.expireUnanswered(), 1_000));
  }

  clearTimers() {
    this.timers.forEach(clearInterval);
    this.timers = [];
  }

  /** The web device's presence heartbeat: sent while the page is in view, as a phone app in use would. */
  heartbeat() {
    if (document.visibilityState === 'visible') this.write({ type: 'heartbeat' });
  }

  /** A send that the connected server has not answered in time is shown as failed (the user may retry). */
  expireUnanswered() {
    const now = Date.now();
    for (const [id, pending] of this.outbox) {
      if (now - pending.sentAt > ANSWER_WITHIN_MS) {
        this.outbox.delete(id);
        this.emit('refused', { id, code: 'timeout', message: 'no answer from the server' });
      }
    }
  }

  setState(state, retryAt = null) {
    this.state = state;
    this.emit('state', { state, retryAt });
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }
}
