// "Sì / no / astensione" with a quorum: the phone answers like a single choice; the results add the
// quorum line and the outcome (computed by the server: consultazione/live/shapes.py yesno_figures).

import { format } from '../dom.js'
import { choiceForm, choicesDraft } from './phone.js'
import { choiceResults, notes } from './results.js'

// The three options in the language of this screen (the stored labels are in the language of
// whoever created the question): Sì / No / Astensione by position.
function localised(question, S) {
  const names = S.yesno_labels || []
  return { ...question, options: question.options.map((option, index) => ({ ...option, label: names[index] || option.label })) }
}

function yesnoForm(ctx, open) {
  const view = Object.create(ctx, { question: { get: () => localised(ctx.question, ctx.S) } })
  return choiceForm(view, open)
}

function yesnoResults(container, question, results, S) {
  choiceResults(container, localised(question, S), results, S)
  const lines = []
  if (results.quorum) lines.push(['quorum', format(results.quorum_reached ? S.quorum_reached : S.quorum_missed, { n: results.quorum })])
  if (results.outcome) lines.push(['outcome', format(S.outcome, { outcome: S[`outcome_${results.outcome}`] || results.outcome })])
  notes(container, lines)
}

export const yesno = { form: yesnoForm, draft: choicesDraft, results: yesnoResults }
