// The participant's phone (/live/<code>/): one question at a time, big touch targets, answers that
// survive a flaky Wi-Fi (acks by client vote id, resent after a reconnect).

import '../css/live.css'
import { LiveConnection } from './lib/live/connection.js'
import { h, replace, strings, uuid } from './lib/live/dom.js'
import { kindOf } from './lib/live/kinds/index.js'
import { renderResults } from './lib/live/results.js'

const root = document.getElementById('live-phone')
if (root) start(root)

function start(root) {
  const S = strings()
  const view = {
    status: root.querySelector('[data-live-status]'),
    main: root.querySelector('[data-live-question]'),
    results: root.querySelector('[data-live-results]'),
    notice: root.querySelector('[data-live-notice]'),
  }
  let session = null
  let question = null
  let results = null
  let me = null
  let drawnKey = null
  let draft = []

  // What the kinds' forms (lib/live/kinds) see of the phone.
  const ctx = {
    get question() {
      return question
    },
    get me() {
      return me
    },
    get results() {
      return results
    },
    get draft() {
      return draft
    },
    set draft(value) {
      draft = value
    },
    S,
    main: view.main,
    notify,
    redraw: drawQuestion,
    sendVote,
    sendEntry,
    sendUpvote,
  }

  const conn = new LiveConnection({
    code: root.dataset.code,
    snapshotUrl: root.dataset.snapshotUrl,
    commandUrl: root.dataset.commandUrl,
    csrfToken: root.dataset.csrf,
    onStatus: (mode) => {
      view.status.textContent = S[`status_${mode}`] || mode
      view.status.dataset.mode = mode
    },
    onFrame,
  })
  conn.start()

  function onFrame(frame) {
    if (frame.type === 'error') return notify(frame.detail, 'danger')
    if (frame.session) session = frame.session
    if ('question' in frame) question = frame.question
    if ('results' in frame) results = frame.results
    if (frame.me !== undefined) me = frame.me
    if (question && me && (me.question !== question.id || me.round !== question.round)) me = null
    draw()
  }

  function key() {
    // The session's end is part of the key: ending after the last question closed changes nothing else.
    const ended = Boolean(session && session.ended)
    return question ? `${question.id}:${question.round}:${question.state}:${ended}` : `none:${ended}`
  }

  function draw() {
    if (key() !== drawnKey) {
      drawnKey = key()
      draft = initialDraft()
      drawQuestion()
    } else if (question && kindOf(question).onResults) {
      keepingFocus(() => kindOf(question).onResults(ctx)) // e.g. Q&A: the questions to upvote come with the results; the text being typed stays
    }
    renderResults(view.results, question, results && (kindOf(question).phoneHidesResults ? null : results), S)
  }

  function initialDraft() {
    return question ? kindOf(question).draft(ctx) : []
  }

  function notify(text, tone = 'info') {
    replace(view.notice, text ? h('div', { class: `alert alert-${tone}`, role: tone === 'danger' ? 'alert' : 'status' }, text) : null)
  }

  // A redraw replaces the controls: a keyboard user keeps the focus on the same control
  // (data-focus), else on an enabled control beside it, else on the question; never on <body>.
  function keepingFocus(render) {
    const active = document.activeElement
    const focusKey = active !== view.main && view.main.contains(active) ? active.dataset.focus || '' : null
    render()
    if (focusKey === null || view.main.contains(document.activeElement)) return
    // focusKey is '' when the focus was on the question itself: then there is no "same" control.
    const same = focusKey ? view.main.querySelector(`[data-focus="${focusKey}"]`) : null
    const target = same && !same.disabled ? same : same?.parentElement?.querySelector('[data-focus]:not(:disabled)')
    ;(target || view.main.querySelector('h1, p'))?.focus()
  }

  function drawQuestion() {
    keepingFocus(renderQuestion)
  }

  function renderQuestion() {
    notify('')
    if (session?.ended) return replace(view.main, [h('h1', { class: 'h3', tabindex: -1 }, S.ended_title), h('p', { class: 'lead' }, S.ended)])
    if (!question || question.state === 'draft') return replace(view.main, h('p', { class: 'lead live-waiting', tabindex: -1 }, S.waiting))
    const open = question.state === 'open'
    const parts = [h('h1', { class: 'h3 live-question-text', tabindex: -1 }, question.text)]
    if (!open) parts.push(h('p', { class: 'badge bg-secondary' }, S.closed))
    parts.push(kindOf(question).form(ctx, open))
    replace(view.main, parts)
  }

  async function deliver(command, onAccepted) {
    notify(conn.isOpen() ? S.sending : S.queued)
    const ack = await conn.send({ ...command, cvid: uuid() })
    if (ack.status === 'rejected') return notify(ack.detail, 'danger')
    onAccepted(ack)
    drawQuestion()
    notify(S.thanks, 'success')
  }

  function sendVote(payload) {
    deliver({ type: 'vote', question: question.id, ...payload }, (ack) => {
      me = { question: question.id, round: question.round, choices: ack.choices, words: payload.words }
      draft = payload.words ? [...payload.words] : [...ack.choices]
    })
  }

  function sendEntry(text) {
    deliver({ type: 'entry', question: question.id, text }, (ack) => {
      const entries = [...(me?.entries || []), { id: ack.entry, text: text.trim(), status: 'pending' }]
      me = { ...(me || { question: question.id, round: question.round }), entries }
    })
  }

  function sendUpvote(entryId) {
    deliver({ type: 'upvote', entry: entryId }, () => {
      me = { ...(me || { question: question.id, round: question.round }), upvoted: [...(me?.upvoted || []), entryId] }
    })
  }
}
