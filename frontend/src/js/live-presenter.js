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
      counters.textContent = format(S.counters, { people: participants, n: data && question && data.question === question.id ? data.total : 0 })
      renderResults(results, question, data, S)
      if (data && data.public === false) results.prepend(h('p', { class: 'badge bg-warning text-dark' }, S.hidden_from_room))
      drawQueue(data ? data.pending || [] : [])
    },
  })
  conn.start()

  function drawQueue(pending) {
    if (!queue) return
    if (!pending.length) return replace(queue, h('p', { class: 'text-muted' }, S.queue_empty))
    replace(
      queue,
      h(
        'ul',
        { class: 'list-unstyled live-queue' },
        pending.map((entry) =>
          h(
            'li',
            { class: 'live-queue-item' },
            h('span', { class: 'live-entry-text' }, entry.text),
            h(
              'span',
              { class: 'live-queue-actions' },
              moderate(entry, 'approve', S.approve, 'btn-success'),
              moderate(entry, 'pin', S.pin, 'btn-outline-primary'),
              moderate(entry, 'reject', S.reject, 'btn-outline-danger'),
            ),
          ),
        ),
      ),
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
