// Moderation: keyboard shortcuts for the queue and the review page, and "select all".
// Everything here is a convenience: every action is a real link, checkbox or button that
// works with Tab, Space and Enter and without JavaScript. Shortcuts are listed on the page
// ("Scorciatoie da tastiera") and never fire while typing in a field or with a modifier key.

const isTyping = (target) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

function queueShortcuts(form) {
  const rows = Array.from(form.querySelectorAll('[data-queue-row]'))
  const selectAll = form.querySelector('[data-select-all]')
  if (selectAll) {
    selectAll.classList.remove('d-none')
    selectAll.addEventListener('change', () => {
      rows.forEach((row) => {
        const box = row.querySelector('input[type=checkbox]')
        if (box) box.checked = selectAll.checked
      })
    })
  }
  let current = -1
  const focusRow = (index) => {
    if (!rows.length) return
    current = Math.max(0, Math.min(rows.length - 1, index))
    rows.forEach((row, i) => row.classList.toggle('table-active', i === current))
    rows[current].querySelector('[data-row-link]')?.focus()
  }
  rows.forEach((row, index) =>
    row.addEventListener('focusin', () => {
      current = index
    }),
  )
  return {
    j: () => focusRow(current + 1),
    k: () => focusRow(current - 1),
    x: () => {
      const box = rows[current]?.querySelector('input[type=checkbox]')
      if (box) box.checked = !box.checked
    },
    o: () => rows[current]?.querySelector('[data-row-link]')?.click(),
    b: () => document.getElementById('bulk-actions')?.focus(),
  }
}

function decisionShortcuts(form) {
  const choose = (value) => () => {
    const radio = form.querySelector(`input[name=action][value=${value}]`)
    if (radio) {
      radio.checked = true
      radio.focus()
    }
  }
  return {
    a: choose('approve'),
    r: choose('reject'),
    h: choose('hide'),
    p: choose('restore'),
    m: () => form.querySelector('[name=reason_code]')?.focus(),
  }
}

function init() {
  const queue = document.querySelector('[data-moderation-queue]')
  const decision = document.querySelector('[data-moderation-decision]')
  const keys = {
    ...(queue ? queueShortcuts(queue) : {}),
    ...(decision ? decisionShortcuts(decision) : {}),
  }
  const help = document.querySelector('.moderation-shortcuts')
  if (help)
    keys['?'] = () => {
      help.open = !help.open
    }
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return
    const action = keys[event.key]
    if (action) {
      event.preventDefault()
      action()
    }
  })
}

init()
