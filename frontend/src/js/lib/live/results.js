// Results of the question on screen, drawn by the kind's results renderer (./kinds/index.js): bars
// with shares of the respondents, a scale with its mean, a ranking by Borda points, a word cloud,
// the approved texts, a yes/no vote with its quorum. Used by the projector, the phone and the presenter.

import { format, h, replace } from './dom.js'
import { kindOf } from './kinds/index.js'

export function renderResults(container, question, results, S) {
  if (!question || !results || results.question !== question.id) {
    replace(container)
    return
  }
  if (!results.visible) {
    replace(container, h('p', { class: 'live-hidden-count' }, format(S.answers, { n: results.total })))
    return
  }
  kindOf(question).results(container, question, results, S)
}
