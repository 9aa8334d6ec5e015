// Results of the question on screen: bars, a scale with its average, a ranked list, a word cloud,
// the approved texts. Bars keep their elements between updates so that widths animate (CSS).

import { format, h, numbered, replace } from './dom.js'

const pct = (part, whole) => (whole > 0 ? Math.round((part * 100) / whole) : 0)

function bars(container, rows) {
  // rows: [{id, label, text, share}] — share in percent drives the bar width
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
    li.querySelector('.live-bar-fill').style.width = `${row.share}%`
    return li
  })
  list.replaceChildren(...ordered)
}

function cloud(container, words) {
  const max = Math.max(1, ...words.map(([, n]) => n))
  const sorted = [...words].sort((a, b) => (a[0] < b[0] ? -1 : 1)) // stable layout: alphabetical
  replace(
    container,
    h(
      'ul',
      { class: 'live-cloud list-unstyled' },
      sorted.map(([word, n]) => {
        const li = h('li', { class: 'live-cloud-word', title: String(n) }, word, h('span', { class: 'visually-hidden' }, ` (${n})`))
        li.style.fontSize = `${1 + (3 * n) / max}em` // of the list's size: larger on the projector
        return li
      }),
    ),
  )
}

function entries(container, items, S) {
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

export function renderResults(container, question, results, S) {
  if (!question || !results || results.question !== question.id) {
    replace(container)
    return
  }
  if (!results.visible) {
    replace(container, h('p', { class: 'live-hidden-count' }, format(S.answers, { n: results.total })))
    return
  }
  if (question.kind === 'wordcloud') {
    cloud(container, results.words || [])
    return
  }
  if (question.kind === 'open_text' || question.kind === 'qa') {
    entries(container, results.entries || [], S)
    return
  }
  const counts = results.counts || {}
  let rows = question.options.map((option) => ({ id: option.id, label: option.label, count: counts[option.id] || 0 }))
  if (question.kind === 'ranking') {
    const top = Math.max(1, ...rows.map((row) => row.count))
    rows = rows
      .sort((a, b) => b.count - a.count)
      .map((row, index) => ({ ...row, label: numbered(index, row.label), share: pct(row.count, top), text: format(S.points, { n: row.count }) }))
  } else {
    rows = rows.map((row) => {
      const share = pct(row.count, results.total)
      return { ...row, share, text: format(S.count, { n: row.count, pct: share }) }
    })
  }
  bars(container, rows)
  container.querySelector(':scope > .live-average')?.remove()
  if (question.kind === 'scale' && results.total) {
    const sum = question.options.reduce((acc, option) => acc + Number(option.label) * (counts[option.id] || 0), 0)
    container.append(h('p', { class: 'live-average' }, format(S.average, { avg: (sum / results.total).toFixed(1) })))
  }
}
