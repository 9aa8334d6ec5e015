// The results renderers of the kinds (projector, phone and presenter draw the same thing). They only
// format: every number (count, share of respondents, mean, Borda points and rank, quorum) comes
// computed by the server (consultazione/live/shapes.py) in the `results` frame.
// Bars keep their elements between updates so that widths animate (CSS).

import { format, h, numbered, replace } from '../dom.js'

const lang = document.documentElement.lang || 'it'
const oneDecimal = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 })

export function bars(container, rows) {
  // rows: [{id, label, text, width}] — width in percent of the track
  let list = container.querySelector(':scope > .live-bars')
  if (!list) {
    list = h('ol', { class: 'live-bars list-unstyled' })
    replace(container, list)
  }
  const existing = new Map([...list.children].map((li) => [li.dataset.key, li]))
  const ordered = rows.map((row) => {
    let li = existing.get(String(row.id))
    if (!li) {
      li = h(
        'li',
        { class: 'live-bar', 'data-key': row.id },
        h('div', { class: 'live-bar-head' }, h('span', { class: 'live-bar-label' }), h('span', { class: 'live-bar-count' })),
        h('div', { class: 'progress live-bar-track' }, h('div', { class: 'progress-bar live-bar-fill', role: 'presentation' })),
      )
    }
    li.querySelector('.live-bar-label').textContent = row.label
    li.querySelector('.live-bar-count').textContent = row.text
    li.querySelector('.live-bar-fill').style.width = `${row.width}%`
    return li
  })
  list.replaceChildren(...ordered)
}

// Lines under the bars (the mean, the quorum…): replaced on every update, the bars stay.
export function notes(container, lines) {
  container.querySelectorAll(':scope > .live-figure-note').forEach((node) => node.remove())
  for (const [name, text] of lines) container.append(h('p', { class: 'live-figure-note', 'data-figure': name }, text))
}

function labelled(question, results) {
  const labels = new Map(question.options.map((option) => [option.id, option.label]))
  return (results.options || []).map((row) => ({ ...row, label: labels.get(row.id) ?? '' }))
}

// Single and multiple choice, scale, yes/no: count and share of the respondents.
export function choiceResults(container, question, results, S) {
  bars(
    container,
    labelled(question, results).map((row) => ({ id: row.id, label: row.label, width: row.share, text: format(S.count, { n: row.count, pct: row.share }) })),
  )
  const lines = []
  if (question.max_choices > 1) lines.push(['respondents', format(S.share_of_respondents, { n: results.total })])
  if (results.mean !== undefined && results.mean !== null) lines.push(['mean', format(S.average, { avg: oneDecimal.format(results.mean) })])
  notes(container, lines)
}

// Ranking: Borda points, best first, with the rank (the bar is relative to the best).
export function rankingResults(container, question, results, S) {
  const rows = labelled(question, results)
  const top = Math.max(1, ...rows.map((row) => row.points))
  bars(
    container,
    rows.map((row) => ({ id: row.id, label: numbered(row.rank - 1, row.label), width: Math.round((row.points * 100) / top), text: format(S.points, { n: row.points }) })),
  )
  notes(container, [])
}

// Word cloud: the size grows with the count (case and accents already merged by the server).
export function wordsResults(container, question, results) {
  const words = results.words || []
  const max = Math.max(1, ...words.map((w) => w.count))
  const sorted = [...words].sort((a, b) => (a.word < b.word ? -1 : 1)) // stable layout: alphabetical
  replace(
    container,
    h(
      'ul',
      { class: 'live-cloud list-unstyled' },
      sorted.map(({ word, count }) => {
        const li = h('li', { class: 'live-cloud-word', title: String(count), 'data-count': count }, word, h('span', { class: 'visually-hidden' }, ` (${count})`))
        li.style.fontSize = `${1 + (3 * count) / max}em` // of the list's size: larger on the projector
        return li
      }),
    ),
  )
}

// Open text and Q&A: a list, never bars.
export function entriesResults(container, question, results, S) {
  const items = results.entries || []
  replace(
    container,
    items.length
      ? h(
          'ol',
          { class: 'live-entries list-unstyled' },
          items.map((item) =>
            h(
              'li',
              { class: `live-entry${item.pinned ? ' live-entry-pinned' : ''}`, 'data-entry': item.id },
              h('span', { class: 'live-entry-text' }, item.text),
              h('span', { class: 'live-entry-meta' }, item.pinned ? `📌 ${S.pinned} · ` : '', format(S.upvotes, { n: item.upvotes }), item.answered ? ` · ${S.answered}` : ''),
            ),
          ),
        )
      : h('p', { class: 'text-muted' }, S.no_entries),
  )
}
