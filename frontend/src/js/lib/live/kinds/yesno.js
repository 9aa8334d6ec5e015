// "Sì / no / astensione" with a quorum: the phone answers like a single choice; the results add the
// quorum line and the outcome (computed by the server: consultazione/live/shapes.py yesno_figures).

import { format } from '../dom.js'
import { choiceForm, choicesDraft } from './phone.js'
import { choiceResults, notes } from './results.js'

function yesnoResults(container, question, results, S) {
  choiceResults(container, question, results, S)
  const lines = []
  if (results.quorum) lines.push(['quorum', format(results.quorum_reached ? S.quorum_reached : S.quorum_missed, { n: results.quorum })])
  if (results.outcome) lines.push(['outcome', format(S.outcome, { outcome: S[`outcome_${results.outcome}`] || results.outcome })])
  notes(container, lines)
}

export const yesno = { form: (ctx, open) => choiceForm(ctx, open), draft: choicesDraft, results: yesnoResults }
