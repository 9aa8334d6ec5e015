// The presenter console (/live/<code>/presenter/): live counts of the question on screen (every
// count, even while hidden from the room) and the moderation queue of texts and audience questions.

import '../css/live.css'
import { LiveConnection } from './lib/live/connection.js'
import { format, h, replace, strings } from './lib/live/dom.js'
import { renderResults } from './lib/live/results.js'

const root = document.getElementById('live-presenter')
if (root) start(root)

function start(root) {
  const S = strings()
  const title = root.querySelector('[data-live-question]')
  const results = root.querySelector('[data-live-results]')
  const queue = root.querySelector('[data-live-queue]')
  const counters = root.querySelector('[data-live-counters]')
  const status = root.querySelector('[data-live-status]')
  const hidden = root.querySelector('[data-live-hidden]')
  let question = null
  let participants = 0

  const conn = new LiveConnection({
    code: root.dataset.code,
    role: 'presenter',
    onStatus: (mode) => {
      status.textContent = S[`status_${mode}`] || mode
    },
    onFrame: (frame) => {
      if (frame.type === 'error') return
      if (frame.session) participants = frame.session.participants
      if (frame.participants !== undefined) participants = frame.participants
      if ('question' in frame) {
        question = frame.question
        title.textContent = question ? question.text : S.no_question
      }
      const data = frame.results
      counters.textContent = `${format(S.participants, { n: participants })} · ${format(S.answers, { n: data && question && data.question === question.id ? data.total : 0 })}`
      renderResults(results, question, data, S)
      hidden.hidden = !(data && data.public === false)
      drawQueue(data ? data.pending || [] : [], data ? data.entries || [] : [])
    },
  })
  conn.start()

  function drawQueue(pending, published) {
    if (!queue) return
    const item = (entry, actions) =>
      h('li', { class: 'live-queue-item' }, h('span', { class: 'live-entry-text' }, entry.text), h('span', { class: 'live-queue-actions' }, actions))
    replace(
      queue,
      pending.length
        ? h(
            'ul',
            { class: 'list-unstyled live-queue' },
            pending.map((entry) =>
              item(entry, [
                moderate(entry, 'approve', S.approve, 'btn-success'),
                moderate(entry, 'pin', S.pin, 'btn-outline-primary'),
                moderate(entry, 'reject', S.reject, 'btn-outline-danger'),
              ]),
            ),
          )
        : h('p', { class: 'text-muted' }, S.queue_empty),
      published.length ? h('h3', { class: 'h6 mt-3' }, S.published) : null,
      published.length
        ? h(
            'ul',
            { class: 'list-unstyled live-queue' },
            published.map((entry) =>
              item(entry, [
                entry.answered ? moderate(entry, 'unanswered', S.unanswered, 'btn-outline-secondary') : moderate(entry, 'answered', S.mark_answered, 'btn-outline-success'),
                entry.pinned ? moderate(entry, 'unpin', S.unpin, 'btn-outline-secondary') : moderate(entry, 'pin', S.pin, 'btn-outline-primary'),
                moderate(entry, 'reject', S.reject, 'btn-outline-danger'),
              ]),
            ),
          )
        : null,
    )
  }

  function moderate(entry, action, label, tone) {
    return h(
      'button',
      {
        type: 'button',
        class: `btn btn-sm ${tone}`,
        'aria-label': `${label}: ${entry.text}`,
        onclick: async (event) => {
          event.currentTarget.disabled = true
          const url = root.dataset.entryUrl.replace('/0/action/', `/${entry.id}/${action}/`)
          await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRFToken': root.dataset.csrf, Accept: 'application/json' } })
        },
      },
      label,
    )
  }
}
