// The participant's phone (/live/<code>/): one question at a time, big touch targets, answers that
// survive a flaky Wi-Fi (acks by client vote id, resent after a reconnect).

import '../css/live.css'
import { LiveConnection } from './lib/live/connection.js'
import { format, h, initialSnapshot, replace, strings, uuid } from './lib/live/dom.js'
import { kindOf } from './lib/live/kinds/index.js'
import { renderResults } from './lib/live/results.js'

const root = document.getElementById('live-phone')
if (root) start(root)

// What the phone shows, decided in one place from what it knows: the session, the question on
// screen, the latest results, the participant's own answer. Pure (no DOM), so that a question
// change, a reconnect or a late frame can never leave the previous question's figures on screen.
export function phoneView({ session, question, results, me }) {
  if (session?.ended) return { screen: 'ended', identity: 'ended', key: 'ended', showResults: false, results: null, me: null }
  if (!question || question.state === 'draft') return { screen: 'waiting', identity: 'waiting', key: 'waiting', showResults: false, results: null, me: null }
  const current = (data) => Boolean(data) && data.question === question.id && (data.round ?? question.round) === question.round
  const mine = current(me) ? me : null
  const answered = Boolean(mine && (mine.choices?.length || mine.entries?.length))
  const figures = current(results) ? results : null
  const identity = `${question.id}:${question.round}`
  return {
    screen: 'question',
    identity,
    key: `${identity}:${question.state}`,
    open: question.state === 'open',
    me: mine,
    answered,
    results: figures,
    showResults: Boolean(figures?.visible) && phoneMayShow(question, answered),
    waitForAnswer: !answered && question.phone_visibility === 'after_answer' && !question.revealed && !kindOf(question).phoneHidesResults,
    mineKey: (mine?.entries || []).map((entry) => `${entry.id}:${entry.status}`).join(','),
  }
}

// The phone's half of Question.results_visible_to (models.py): the server already leaves the
// counts out of the frames a phone may not show; this keeps a late frame from showing them.
function phoneMayShow(question, answered) {
  const setting = question.phone_visibility || 'live'
  if (setting === 'never') return false
  if (setting === 'live' || question.revealed) return true
  // a kind whose phone shows its own list (Q&A: the questions to upvote) shows it from the start
  if (setting === 'after_answer') return answered || Boolean(kindOf(question).phoneHidesResults)
  return false
}

function start(root) {
  const S = strings()
  const view = {
    status: root.querySelector('[data-live-status]'),
    main: root.querySelector('[data-live-question]'),
    results: root.querySelector('[data-live-results]'),
    resultsNote: root.querySelector('[data-live-results-note]'),
    notice: root.querySelector('[data-live-notice]'),
  }
  let session = null
  let question = null
  let results = null
  let me = null
  let drawn = { identity: null, key: null, mineKey: '' }
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
    initial: initialSnapshot(),
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
    if (frame.type === 'snapshot') results = null // a snapshot replaces everything, figures included
    if (frame.session) session = frame.session
    if ('question' in frame) question = frame.question
    if ('results' in frame) results = frame.results
    if (frame.me !== undefined) {
      if (frame.type === 'mine') announceModeration(me, frame.me)
      me = frame.me
    }
    // Whatever belongs to another question (or round) is dropped, never drawn under this one.
    const stale = (data) => data && (!question || data.question !== question.id || (data.round ?? question.round) !== question.round)
    if (stale(me)) me = null
    if (stale(results)) results = null
    draw()
  }

  // A moderator approved or rejected one of my texts: say so (the page's language, from Django).
  function announceModeration(before, after) {
    if (!after || !question || after.question !== question.id) return
    const old = new Map((before?.entries || []).map((entry) => [entry.id, entry.status]))
    const changed = (after.entries || []).find((entry) => old.get(entry.id) !== entry.status && entry.status !== 'pending')
    if (changed) notify(format(S[`entry_now_${changed.status}`] || '', { text: changed.text }), changed.status === 'rejected' ? 'warning' : 'success')
  }

  function state() {
    return phoneView({ session, question, results, me })
  }

  function draw() {
    const v = state()
    if (v.identity !== drawn.identity) {
      // Another question (or the waiting / ended screen): a fresh form, the focus on its heading.
      draft = initialDraft()
      notify('')
      renderQuestion()
      focusHeading()
    } else if (v.key !== drawn.key) {
      draft = initialDraft() // the same question opened or closed: the controls change state
      keepingFocus(renderQuestion)
    } else if (v.mineKey !== drawn.mineKey) {
      keepingTyped(() => keepingFocus(renderQuestion)) // a text of mine approved or rejected
    } else if (question && kindOf(question).onResults) {
      keepingFocus(() => kindOf(question).onResults(ctx)) // e.g. Q&A: the questions to upvote come with the results; the text being typed stays
    }
    drawn = { identity: v.identity, key: v.key, mineKey: v.mineKey || '' }
    drawResults(v)
  }

  // The results section gets the figures only when the view says the phone may show them;
  // otherwise how many answered (and, before answering, when the figures will come).
  function drawResults(v) {
    // A phone that has just answered an after_answer question gets the figures with the next tick:
    // until then the count it holds is from before its answer ("0 risposte" under "Risposta
    // registrata"), so it shows nothing rather than a stale figure.
    const arriving = !v.showResults && v.answered && question?.phone_visibility === 'after_answer'
    const shown = v.results && !arriving && (v.showResults ? v.results : { question: v.results.question, round: v.results.round, total: v.results.total, visible: false })
    renderResults(view.results, question, v.screen === 'question' && !kindOf(question).phoneHidesResults ? shown : null, S)
    if (view.resultsNote) view.resultsNote.textContent = v.screen === 'question' && !v.showResults && v.waitForAnswer ? S.results_after_answer : ''
  }

  function focusHeading() {
    view.main.querySelector('h1, p')?.focus()
  }

  // A redraw of the same question keeps what is being typed (a new <textarea> replaces the old).
  function keepingTyped(render) {
    const typed = [...view.main.querySelectorAll('input[id], textarea[id]')].map((field) => [field.id, field.value])
    render()
    for (const [id, value] of typed) {
      const field = document.getElementById(id)
      if (field && !field.disabled && !field.value) field.value = value
    }
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
    const v = state()
    if (v.screen === 'ended') return replace(view.main, [h('h1', { class: 'h3', tabindex: -1 }, S.ended_title), h('p', { class: 'lead' }, S.ended)])
    if (v.screen === 'waiting') return replace(view.main, h('p', { class: 'lead live-waiting', tabindex: -1 }, S.waiting))
    const open = v.open
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
    drawn.mineKey = state().mineKey || ''
    drawResults(state())
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
