// The question kinds of the live screens, described once (the server's registry is
// consultazione/live/kinds.py). For each kind: the phone's answer form, the draft it starts from,
// what to redraw when results arrive while the form stays.
// A new kind: its entry here plus its renderers (docs/live.md, "Aggiungere un tipo").

import { choiceForm, choicesDraft, drawQaList, rankingDraft, rankingForm, textForm, wordsDraft, wordsForm } from './phone.js'

export const KINDS = {
  single: { form: choiceForm, draft: choicesDraft },
  multiple: { form: choiceForm, draft: choicesDraft },
  scale: { form: choiceForm, draft: choicesDraft },
  ranking: { form: rankingForm, draft: rankingDraft },
  wordcloud: { form: wordsForm, draft: wordsDraft },
  open_text: { form: textForm, draft: () => [] },
  qa: { form: textForm, draft: () => [], onResults: drawQaList, phoneHidesResults: true },
}

const UNKNOWN = { form: textForm, draft: () => [] }

export function kindOf(question) {
  return (question && KINDS[question.kind]) || UNKNOWN
}
