// The presenter console (/live/<code>/presenter/), one page that never reloads:
// - every control form (next, previous, join screen, end, open/close/reveal/hide/reset/show…) is
//   sent as a command to the API (POST /api/v1/live/sessions/<code>/commands/); a refusal
//   (403/404/409) is shown above the controls. Without this script the forms post as usual.
// - after a command, and whenever a pushed `state` changes what is on screen, the page is fetched
//   again and its [data-console-part] blocks (toolbar, current question's controls, question list,
//   closed results) are swapped in place.
// - live counts of the question on screen (even while hidden from the room), the moderation queue.
// - keyboard: → next, ← previous, R reveal/hide, J join screen (not while typing in a field).
// - forms with data-confirm ask in a <dialog> first (reset, end).

import '../css/live.css'
import { LiveConnection } from './lib/live/connection.js'
import { format, h, initialSnapshot, replace, strings } from './lib/live/dom.js'
import { renderResults } from './lib/live/results.js'

const root = document.getElementById('live-presenter')
if (root) start(root)

function start(root) {
  const S = strings()
  const title = root.querySelector('[data-live-question]')
  const results = root.querySelector('[data-live-results]')
  const queue = document.querySelector('[data-live-queue]')
  const counters = root.querySelector('[data-live-counters]')
  const status = document.querySelector('[data-live-status]')
  const hidden = root.querySelector('[data-live-hidden]')
  const messages = document.querySelector('[data-console-messages]')
  const dialog = document.querySelector('[data-console-confirm]')
  let question = null
  let participants = 0
  let screenKey = null

  const conn = new LiveConnection({
    code: root.dataset.code,
    initial: initialSnapshot(),
    role: 'presenter',
    onStatus: (mode) => {
      status.textContent = S[`status_${mode}`] || mode
      status.dataset.mode = mode
    },
    onFrame: (frame) => {
      if (frame.type === 'error') return
      if (frame.session) participants = frame.session.participants
      // Once the session ended the panel holds the results, no longer a live question.
      if (frame.session?.ended) document.getElementById('live-now-title').textContent = S.results_title
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
      if (data && question && data.question === question.id) {
        const cell = document.querySelector(`[data-answers-for="${question.id}"]`)
        if (cell) cell.textContent = String(data.total)
      }
      if (frame.type !== 'result' && frame.session) {
        // What the controls depend on: redraw them when it changed (another console, a command).
        const q = frame.question
        const key = JSON.stringify([frame.session.join, frame.session.ended, q && [q.id, q.state, q.revealed, q.round]])
        if (screenKey !== null && key !== screenKey) refresh()
        screenKey = key
      }
    },
  })
  conn.start()
  scalePreview()
  showKeys()

  // The shortcuts work only with this script: their list stays hidden without it.
  function showKeys() {
    for (const keys of document.querySelectorAll('[data-console-keys]')) keys.hidden = false
  }

  // --- the projector preview: the 1920×1080 projector page, scaled down to the box's width -------

  function scalePreview() {
    const box = document.querySelector('[data-preview-box]')
    const frame = box?.querySelector('iframe')
    if (!box || !frame || !window.ResizeObserver) return
    box.classList.add('live-preview-scaled')
    new ResizeObserver(() => {
      frame.style.transform = `scale(${box.clientWidth / 1920})`
    }).observe(box)
  }

  // --- commands -------------------------------------------------------------------------------

  document.addEventListener('submit', async (event) => {
    const form = event.target
    if (!(form instanceof HTMLFormElement) || !form.dataset.command) return
    event.preventDefault()
    if (form.dataset.confirm && !(await confirmed(form.dataset.confirm))) return
    const body = { type: 'control', action: form.dataset.command }
    if (form.dataset.question) body.question = Number(form.dataset.question)
    if (body.action === 'next') body.keep_open = Boolean(form.querySelector('[data-keep-open]')?.checked)
    await send(body, form.querySelector('button[type=submit]'))
  })

  async function send(body, button) {
    if (button) button.disabled = true
    let answer = null
    try {
      const response = await fetch(root.dataset.commandUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': root.dataset.csrf },
        body: JSON.stringify(body),
      })
      answer = await response.json()
      if (!response.ok) {
        say(answer.detail || S.command_failed, response.status === 409 ? 'warning' : 'danger')
      } else {
        say('', 'info')
      }
    } catch {
      say(S.command_failed, 'danger')
    }
    if (button) button.disabled = false
    await refresh()
    return answer
  }

  function say(text, tone) {
    if (!text) {
      replace(messages)
      return
    }
    messages.replaceChildren(h('div', { class: `alert alert-${tone} py-2 mb-2`, role: tone === 'danger' || tone === 'warning' ? 'alert' : 'status', 'data-console-message': tone }, text))
  }

  function confirmed(text) {
    return new Promise((resolve) => {
      if (!dialog || typeof dialog.showModal !== 'function') {
        resolve(true)
        return
      }
      dialog.querySelector('[data-console-confirm-text]').textContent = text
      dialog.returnValue = ''
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true })
      dialog.showModal()
      dialog.querySelector('button[value=cancel]').focus()
    })
  }

  // --- redraw the server-rendered blocks --------------------------------------------------------

  let refreshing = null
  let again = false

  async function refresh() {
    if (refreshing) {
      again = true
      return refreshing
    }
    refreshing = (async () => {
      do {
        again = false
        await swapParts()
      } while (again)
    })()
    try {
      await refreshing
    } finally {
      refreshing = null
    }
  }

  async function swapParts() {
    let html
    try {
      const response = await fetch(location.pathname, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      if (!response.ok) return
      html = await response.text()
    } catch {
      return
    }
    const fresh = new DOMParser().parseFromString(html, 'text/html')
    const focusKey = keyOf(document.activeElement)
    for (const part of document.querySelectorAll('[data-console-part]')) {
      const next = fresh.querySelector(`[data-console-part="${part.dataset.consolePart}"]`)
      if (!next) continue
      const keep = part.querySelector('[data-keep-open]')
      if (keep) next.querySelector('[data-keep-open]')?.toggleAttribute('checked', keep.checked)
      part.replaceWith(document.importNode(next, true))
    }
    showKeys()
    if (focusKey && (!document.activeElement || document.activeElement === document.body)) restoreFocus(focusKey)
  }

  // Keyboard users keep their place: the same control (by its form's action), else "next".
  function keyOf(element) {
    const form = element?.closest?.('form[data-command]')
    return form ? form.getAttribute('action') : null
  }

  function restoreFocus(key) {
    const form = document.querySelector(`form[action="${CSS.escape(key)}"]`) || document.querySelector('form[data-command="next"]')
    form?.querySelector('button')?.focus()
  }

  // --- keyboard shortcuts -----------------------------------------------------------------------

  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return
    const target = event.target
    if (target.closest?.('input, textarea, select, [contenteditable], dialog')) return
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key
    const button = document.querySelector(`button[data-shortcut="${CSS.escape(key)}"]`)
    if (!button || button.disabled) return
    event.preventDefault()
    button.click()
  })

  // --- moderation queue ---------------------------------------------------------------------------

  function drawQueue(pending, published) {
    if (!queue) return
    const item = (entry, actions) => h('li', { class: 'live-queue-item' }, h('span', { class: 'live-entry-text' }, entry.text), h('span', { class: 'live-queue-actions' }, actions))
    replace(
      queue,
      pending.length
        ? h(
            'ul',
            { class: 'list-unstyled live-queue' },
            pending.map((entry) =>
              item(entry, [moderate(entry, 'approve', S.approve, 'btn-success'), moderate(entry, 'pin', S.pin, 'btn-outline-primary'), moderate(entry, 'reject', S.reject, 'btn-outline-danger')]),
            ),
          )
        : h('p', { class: 'live-console-muted mb-0' }, S.queue_empty),
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
        onclick: (event) => send({ type: 'moderate', action, entry: entry.id }, event.currentTarget),
      },
      label,
    )
  }
}
