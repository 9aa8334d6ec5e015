// The question kinds of the live screens, described once (the server's registry is
// consultazione/live/kinds.py). For each kind: the phone's answer form and the draft it starts
// from, the results renderer (projector, phone, presenter), what to redraw on the phone when
// results arrive while the form stays. A new kind: its entry here plus its renderers
// (docs/live.md, "Aggiungere un tipo di domanda").

import { choiceForm, choicesDraft, drawQaList, rankingDraft, rankingForm, textForm, wordsDraft, wordsForm } from './phone.js'
import { choiceResults, entriesResults, rankingResults, wordsResults } from './results.js'
import { yesno } from './yesno.js'

export const KINDS = {
  single: { form: choiceForm, draft: choicesDraft, results: choiceResults },
  multiple: { form: (ctx, open) => choiceForm(ctx, open, { multiple: true }), draft: choicesDraft, results: choiceResults },
  scale: { form: (ctx, open) => choiceForm(ctx, open, { scale: true }), draft: choicesDraft, results: choiceResults },
  ranking: { form: rankingForm, draft: rankingDraft, results: rankingResults },
  wordcloud: { form: wordsForm, draft: wordsDraft, results: wordsResults },
  open_text: { form: textForm, draft: () => [], results: entriesResults },
  qa: { form: (ctx, open) => textForm(ctx, open, { qa: true }), draft: () => [], results: entriesResults, onResults: drawQaList, phoneHidesResults: true },
  yesno,
}

const UNKNOWN = { form: textForm, draft: () => [], results: () => {} }

export function kindOf(question) {
  return (question && KINDS[question.kind]) || UNKNOWN
}
