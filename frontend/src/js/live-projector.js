// The projector (/live/<code>/projector/): the join code and QR while waiting, then the question with
// animated results and the counters. It only re-renders on a newer version, so reconnects do not flicker.

import '../css/live.css'
import { LiveConnection } from './lib/live/connection.js'
import { format, initialSnapshot, strings } from './lib/live/dom.js'
import { renderResults } from './lib/live/results.js'

const root = document.getElementById('live-projector')
if (root) start(root)

function start(root) {
  const S = strings()
  const join = root.querySelector('[data-live-join]')
  const stage = root.querySelector('[data-live-stage]')
  const text = root.querySelector('[data-live-question]')
  const state = root.querySelector('[data-live-state]')
  const results = root.querySelector('[data-live-results]')
  const people = root.querySelector('[data-live-participants]')
  const answers = root.querySelector('[data-live-answers]')
  const status = root.querySelector('[data-live-status]')
  let question = null
  let lastResults = null
  let ended = false

  const conn = new LiveConnection({
    code: root.dataset.code,
    initial: initialSnapshot(),
    role: 'projector',
    snapshotUrl: root.dataset.snapshotUrl,
    onStatus: (mode) => {
      status.textContent = mode === 'online' ? '' : S[`status_${mode}`] || mode
    },
    onFrame: (frame) => {
      if (frame.type === 'error') return
      if (frame.session) {
        const waiting = frame.session.join || !frame.question || frame.question.state === 'draft'
        join.hidden = !waiting
        stage.hidden = waiting
        people.textContent = format(S.participants, { n: frame.session.participants })
      }
      if (frame.participants !== undefined) people.textContent = format(S.participants, { n: frame.participants })
      if ('question' in frame) {
        question = frame.question
        text.textContent = question ? question.text : ''
      }
      if (frame.session) ended = Boolean(frame.session.ended)
      // "Codice K7PX3M · Sessione conclusa" once the facilitator ended the session: the room knows
      // no more questions are coming (the last one stays on screen with its results).
      state.textContent = ended ? S.ended_title : question && question.state === 'closed' ? S.closed : ''
      if ('results' in frame) lastResults = frame.results
      answers.textContent = lastResults && question && lastResults.question === question.id ? format(S.answers, { n: lastResults.total }) : ''
      renderResults(results, question, lastResults, S)
    },
  })
  conn.start()
}
