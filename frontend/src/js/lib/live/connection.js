// The client half of the live protocol (docs/live-protocol.md): one WebSocket with hello/snapshot,
// versioned frames, acks matched by client vote id, reconnect with full-jitter backoff, and an
// HTTP fallback (snapshot polling + POSTed commands) when WebSockets do not get through.

const BACKOFF_BASE_MS = 500
const BACKOFF_CAP_MS = 10000
const HEARTBEAT_MS = 25000
const SILENCE_MS = 60000
const FALLBACK_AFTER_FAILURES = 4
const POLL_MS = 3000
const FINAL_CODES = new Set([4403, 4404])

export class LiveConnection {
  constructor({ code, role = 'phone', snapshotUrl, commandUrl, csrfToken, onFrame, onStatus, initial = null }) {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
    // The page's language: the socket's texts (errors, refusals) in it, whatever the browser's
    // own Accept-Language on the handshake (consumers.py language_of).
    const query = new URLSearchParams()
    if (role !== 'phone') query.set('role', role)
    if (document.documentElement.lang) query.set('lang', document.documentElement.lang)
    this.url = `${scheme}://${location.host}/ws/live/${code}/?${query}`
    this.snapshotUrl = snapshotUrl
    this.commandUrl = commandUrl
    this.csrfToken = csrfToken
    this.onFrame = onFrame
    this.onStatus = onStatus || (() => {})
    this.version = 0
    this.failures = 0
    this.pending = new Map() // cvid -> {command, resolve}
    this.socket = null
    this.mode = 'connecting'
    this.stopped = false
    this.initial = initial // the snapshot the page came with (dom.js initialSnapshot)
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && !this.isOpen()) this.connectNow()
    })
    window.addEventListener('online', () => this.connectNow())
  }

  start() {
    // Drawn before the socket opens; the socket's own snapshot replaces it (it is never older:
    // the server reads it after the page).
    if (this.initial) this.receive(this.initial)
    this.connect()
  }

  isOpen() {
    return this.socket && this.socket.readyState === WebSocket.OPEN
  }

  status(mode) {
    this.mode = mode
    this.onStatus(mode)
  }

  connectNow() {
    clearTimeout(this.retryTimer)
    if (!this.stopped) this.connect()
  }

  connect() {
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) return
    let opened = false
    let socket
    try {
      socket = new WebSocket(this.url)
    } catch {
      this.scheduleReconnect()
      return
    }
    this.socket = socket
    socket.addEventListener('open', () => {
      opened = true
      this.failures = 0
      this.stopPolling()
      this.status('online')
      socket.send(JSON.stringify({ type: 'hello', version: this.version }))
      this.beat()
    })
    socket.addEventListener('message', (event) => this.receive(JSON.parse(event.data)))
    socket.addEventListener('close', (event) => {
      clearInterval(this.heartbeat)
      if (this.socket === socket) this.socket = null
      if (event.code === 4401) {
        location.reload() // no longer a participant: back to the join step
        return
      }
      if (FINAL_CODES.has(event.code)) {
        this.stopped = true
        this.status('refused')
        return
      }
      if (!opened) this.failures += 1
      this.scheduleReconnect()
    })
  }

  scheduleReconnect() {
    if (this.stopped) return
    if (this.failures >= FALLBACK_AFTER_FAILURES && this.snapshotUrl) this.startPolling()
    else this.status('reconnecting')
    // Full jitter: a restarted server is not hit by every phone at the same instant.
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(this.failures, 10))
    clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(() => this.connect(), Math.random() * ceiling + 100)
  }

  beat() {
    clearInterval(this.heartbeat)
    this.lastMessage = Date.now()
    this.heartbeat = setInterval(() => {
      if (!this.isOpen()) return
      if (Date.now() - this.lastMessage > SILENCE_MS) this.socket.close()
      else this.socket.send(JSON.stringify({ type: 'ping' }))
    }, HEARTBEAT_MS)
  }

  receive(frame) {
    this.lastMessage = Date.now()
    if (frame.type === 'snapshot') {
      this.version = frame.version
      this.onFrame(frame)
      for (const { command } of this.pending.values()) this.transmit(command) // resend unacknowledged answers
    } else if (frame.type === 'state' || frame.type === 'result') {
      if (frame.version <= this.version) return // older than what is on screen
      this.version = frame.version
      this.onFrame(frame)
    } else if (frame.type === 'ack') {
      const waiting = this.pending.get(frame.cvid)
      if (waiting) {
        this.pending.delete(frame.cvid)
        waiting.resolve(frame)
      }
    } else if (frame.type === 'error' || frame.type === 'mine') {
      this.onFrame(frame) // `mine`: the participant's own answers, after a moderator's decision
    }
  }

  // Send an answer (vote / entry / upvote); resolves with its ack, retried after reconnects.
  send(command) {
    return new Promise((resolve) => {
      for (const [cvid, waiting] of this.pending) {
        // Only the newest vote on a question is worth retrying (its ack resolves the older promise too).
        if (command.type === 'vote' && waiting.command.type === 'vote' && waiting.command.question === command.question) {
          this.pending.delete(cvid)
        }
      }
      this.pending.set(command.cvid, { command, resolve })
      this.transmit(command)
    })
  }

  transmit(command) {
    if (this.isOpen()) this.socket.send(JSON.stringify(command))
    else if (this.mode === 'polling') this.post(command)
  }

  async post(command) {
    try {
      const response = await fetch(this.commandUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRFToken': this.csrfToken },
        body: JSON.stringify(command),
      })
      if (response.status === 429 || response.status >= 500) return // stays pending, retried on the next poll
      this.receive(await response.json())
    } catch {
      // offline: stays pending
    }
  }

  startPolling() {
    if (this.pollTimer) return
    this.status('polling')
    const poll = async () => {
      try {
        const response = await fetch(`${this.snapshotUrl}?since=${this.version}`, { credentials: 'same-origin' })
        if (response.status === 200) {
          this.receive(await response.json()) // a snapshot also resends what is still unacknowledged
          return
        }
      } catch {
        // try again on the next round
      }
      for (const { command } of this.pending.values()) this.post(command)
    }
    poll()
    this.pollTimer = setInterval(poll, POLL_MS)
  }

  stopPolling() {
    clearInterval(this.pollTimer)
    this.pollTimer = null
  }
}
