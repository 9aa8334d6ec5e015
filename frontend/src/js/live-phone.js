// The participant's phone (/live/<code>/): one question at a time, big touch targets, answers that
// survive a flaky Wi-Fi (acks by client vote id, resent after a reconnect).

import '../css/live.css'
import { LiveConnection } from './lib/live/connection.js'
import { format, h, numbered, replace, strings, uuid } from './lib/live/dom.js'
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
    waitForAnswer: !answered && question.phone_visibility === 'after_answer' && !question.revealed && question.kind !== 'qa',
    mineKey: (mine?.entries || []).map((entry) => `${entry.id}:${entry.status}`).join(','),
  }
}

// The phone's half of Question.results_visible_to (models.py): the server already leaves the
// counts out of the frames a phone may not show; this keeps a late frame from showing them.
function phoneMayShow(question, answered) {
  const setting = question.phone_visibility || 'live'
  if (setting === 'never') return false
  if (setting === 'live' || question.revealed) return true
  if (setting === 'after_answer') return answered || question.kind === 'qa'
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
    } else if (question && question.kind === 'qa') {
      keepingFocus(drawQaList) // the questions to upvote come with the results; the text being typed stays
    }
    drawn = { identity: v.identity, key: v.key, mineKey: v.mineKey || '' }
    drawResults(v)
  }

  // The results section gets the figures only when the view says the phone may show them;
  // otherwise how many answered (and, before answering, when the figures will come).
  function drawResults(v) {
    const shown = v.results && (v.showResults ? v.results : { question: v.results.question, round: v.results.round, total: v.results.total, visible: false })
    renderResults(view.results, question, v.screen === 'question' && !(question.kind === 'qa') ? shown : null, S)
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
    if (!question) return []
    const mine = state().me
    if (question.kind === 'ranking') {
      const order = mine?.choices?.length ? mine.choices : question.options.map((o) => o.id)
      return [...order]
    }
    if (question.kind === 'wordcloud') return [...(mine?.words || [])]
    return [...(mine?.choices || [])]
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
    const form = { single: choiceForm, multiple: choiceForm, scale: choiceForm, ranking: rankingForm, wordcloud: wordsForm }[question.kind]
    if (form) parts.push(form(open))
    else parts.push(textForm(open))
    replace(view.main, parts)
  }

  function submitButton(label, open, onclick) {
    return h('button', { type: 'button', class: 'btn btn-primary btn-lg w-100 live-touch mt-3', 'data-focus': 'submit', disabled: !open, onclick }, label)
  }

  function answered() {
    return me && ((me.choices && me.choices.length) || (me.entries && me.entries.length))
  }

  function lockedAnswer(open) {
    return open && answered() && !question.changeable
  }

  function choiceForm(open) {
    const multiple = question.kind === 'multiple'
    const locked = !open || lockedAnswer(open)
    const buttons = question.options.map((option) =>
      h(
        'button',
        {
          type: 'button',
          class: `btn btn-lg live-touch live-option ${draft.includes(option.id) ? 'btn-primary' : 'btn-outline-primary'}`,
          'aria-pressed': draft.includes(option.id) ? 'true' : 'false',
          'data-focus': `option-${option.id}`,
          disabled: locked,
          onclick: () => {
            if (!multiple) draft = [option.id]
            else if (draft.includes(option.id)) draft = draft.filter((id) => id !== option.id)
            else if (draft.length < question.max_choices) draft = [...draft, option.id]
            else return notify(format(S.max_choices, { n: question.max_choices }), 'warning')
            drawQuestion()
          },
        },
        option.label,
      ),
    )
    const group = h('div', { class: `live-options${question.kind === 'scale' ? ' live-scale' : ''}`, role: 'group' }, buttons)
    const parts = [group]
    if (question.kind === 'scale') {
      parts.unshift(h('p', { class: 'live-scale-labels' }, h('span', {}, `1 = ${question.scale.min_label || ''}`), h('span', {}, `${question.scale.max} = ${question.scale.max_label || ''}`)))
    }
    if (multiple) parts.unshift(h('p', {}, format(S.choose_up_to, { n: question.max_choices })))
    parts.push(mineNote(), submitButton(answered() ? S.change : S.send, open && !locked && draft.length > 0, () => sendVote({ choices: draft })))
    return h('div', {}, parts)
  }

  function rankingForm(open) {
    const labels = new Map(question.options.map((o) => [o.id, o.label]))
    const move = (index, offset) => {
      const target = index + offset
      if (target < 0 || target >= draft.length) return
      ;[draft[index], draft[target]] = [draft[target], draft[index]]
      drawQuestion() // the focus follows the moved item (its data-focus key)
    }
    const locked = !open || lockedAnswer(open)
    const items = draft.map((id, index) =>
      h(
        'li',
        { class: 'live-rank-item' },
        h('span', { class: 'live-rank-label' }, numbered(index, labels.get(id))),
        h('button', { type: 'button', class: 'btn btn-outline-primary live-touch', 'data-up': true, 'data-focus': `up-${id}`, disabled: locked || index === 0, 'aria-label': format(S.move_up, { label: labels.get(id) }), onclick: () => move(index, -1) }, '↑'),
        h('button', { type: 'button', class: 'btn btn-outline-primary live-touch', 'data-down': true, 'data-focus': `down-${id}`, disabled: locked || index === draft.length - 1, 'aria-label': format(S.move_down, { label: labels.get(id) }), onclick: () => move(index, 1) }, '↓'),
      ),
    )
    return h('div', {}, h('p', {}, S.rank_help), h('ol', { class: 'live-rank list-unstyled' }, items), mineNote(), submitButton(answered() ? S.change : S.send, open && !locked, () => sendVote({ choices: draft })))
  }

  function wordsForm(open) {
    const locked = !open || lockedAnswer(open)
    const collect = () => [...view.main.querySelectorAll('input')].map((input) => input.value.trim()).filter(Boolean)
    const send = () => {
      if (open && !locked && collect().length) sendVote({ words: collect() })
    }
    const inputs = Array.from({ length: question.max_choices }, (_, index) =>
      h('div', { class: 'form-group' }, h('label', { for: `live-word-${index}`, class: 'active' }, format(S.word_n, { n: index + 1 })), h('input', { id: `live-word-${index}`, 'data-focus': `word-${index}`, class: 'form-control', maxlength: 30, autocomplete: 'off', enterkeyhint: 'send', value: draft[index] || '', disabled: locked, onkeydown: onEnter(send) })),
    )
    return h('div', {}, inputs, mineNote(), submitButton(answered() ? S.change : S.send, open && !locked, () => sendVote({ words: collect() })))
  }

  // Enter (not Shift+Enter, not while an input method is composing) sends instead of adding a line.
  function onEnter(send) {
    return (event) => {
      if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return
      event.preventDefault()
      send()
    }
  }

  function textForm(open) {
    const qa = question.kind === 'qa'
    const mine = me?.entries || []
    const parts = []
    if (open && mine.length < question.max_choices) {
      const send = () => {
        if (area.value.trim()) sendEntry(area.value)
      }
      // Enter sends, Shift+Enter starts a new line (the help text under the box says so).
      const area = h('textarea', { id: 'live-text', 'data-focus': 'text', class: 'form-control', rows: 3, maxlength: 280, enterkeyhint: 'send', 'aria-describedby': 'live-text-help', onkeydown: onEnter(send) })
      parts.push(
        h('div', { class: 'form-group' }, h('label', { for: 'live-text', class: 'active' }, qa ? S.ask_label : S.text_label), area, h('small', { id: 'live-text-help', class: 'form-text' }, S.enter_help)),
        submitButton(qa ? S.ask : S.send, true, send),
      )
    }
    if (mine.length) {
      parts.push(h('h2', { class: 'h6 mt-4' }, S.yours), h('ul', { class: 'live-mine' }, mine.map((e) => h('li', {}, e.text, ' ', h('span', { class: 'badge bg-light text-dark' }, S[`entry_${e.status}`] || e.status)))))
    }
    if (qa) parts.push(h('div', { 'data-live-qa-list': true }))
    const container = h('div', {}, parts)
    if (qa) drawQaList(container)
    return container
  }

  function drawQaList(scope = view.main) {
    const holder = scope.querySelector('[data-live-qa-list]')
    if (!holder) return
    if (!results?.visible || !results.entries?.length) return replace(holder)
    const open = question.state === 'open'
    const upvoted = new Set(me?.upvoted || [])
    replace(
      holder,
      h('h2', { class: 'h6 mt-4' }, S.audience_questions),
      h(
        'ol',
        { class: 'live-entries list-unstyled' },
        results.entries.map((entry) =>
          h(
            'li',
            { class: 'live-entry' },
            h('span', { class: 'live-entry-text' }, entry.text),
            h(
              'button',
              {
                type: 'button',
                class: `btn btn-sm ${upvoted.has(entry.id) ? 'btn-primary' : 'btn-outline-primary'} live-touch`,
                'data-focus': `upvote-${entry.id}`,
                disabled: !open || upvoted.has(entry.id),
                'aria-label': format(S.upvote_label, { text: entry.text, n: entry.upvotes }),
                onclick: () => sendUpvote(entry.id),
              },
              `▲ ${entry.upvotes}`,
            ),
          ),
        ),
      ),
    )
  }

  function mineNote() {
    if (!answered()) return null
    return h('p', { class: 'live-mine-note', role: 'status' }, question.changeable && question.state === 'open' ? S.recorded_changeable : S.recorded)
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
      draft = question.kind === 'wordcloud' ? [...(payload.words || [])] : [...ack.choices]
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
