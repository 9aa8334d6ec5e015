// Priority exercises and supports. Progressive enhancement only: every form
// works without JavaScript and the server checks every rule again.
//
// - Dot-voting: shows the points left ([data-points-left], texts from its
//   data-left-text / data-over-text with __LEFT__, __TOTAL__, __OVER__).
// - Ranking: an item already chosen in one position is disabled in the others.
// - Supports: [data-support-form] posts with fetch and swaps the slot
//   ([data-support-slot]) with the HTML the server renders.

function pointsCounter(form) {
  const total = Number(form.dataset.pointsTotal)
  const output = form.querySelector('[data-points-left]')
  const inputs = [...form.querySelectorAll('input[data-points]')]
  if (!output || !inputs.length || !total) return
  const update = () => {
    const used = inputs.reduce((sum, input) => sum + Math.max(0, Number(input.value) || 0), 0)
    const over = used - total
    output.textContent = over > 0 ? output.dataset.overText.replace('__OVER__', over) : output.dataset.leftText.replace('__LEFT__', total - used).replace('__TOTAL__', total)
    output.classList.toggle('text-danger', over > 0)
    inputs.forEach((input) => input.setAttribute('aria-invalid', String(over > 0 && Number(input.value) > 0)))
  }
  output.hidden = false
  form.addEventListener('input', update)
  update()
}

function rankingChoices(form) {
  const selects = [...form.querySelectorAll('select[data-rank]')]
  if (!selects.length) return
  const update = () => {
    const chosen = new Set(selects.map((select) => select.value).filter(Boolean))
    selects.forEach((select) => {
      ;[...select.options].forEach((option) => {
        option.disabled = Boolean(option.value) && option.value !== select.value && chosen.has(option.value)
      })
    })
  }
  form.addEventListener('change', update)
  update()
}

async function submitSupport(event) {
  const form = event.target.closest('form[data-support-form]')
  if (!form || event.defaultPrevented) return
  event.preventDefault()
  const slot = form.closest('[data-support-slot]')
  const button = form.querySelector('button[type="submit"]')
  if (button) button.disabled = true
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      body: new FormData(form),
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    })
    const data = await response.json()
    const holder = document.createElement('div')
    holder.innerHTML = data.html
    const fresh = holder.firstElementChild
    slot.replaceWith(fresh)
    const status = fresh.querySelector('[data-support-status]')
    // a live region inserted empty and then filled is announced by screen readers
    if (status)
      window.setTimeout(() => {
        status.textContent = data.message
      }, 100)
    fresh.querySelector('button[type="submit"]')?.focus()
  } catch {
    form.submit()
  }
}

document.querySelectorAll('form[data-ballot-form]').forEach((form) => {
  pointsCounter(form)
  rankingChoices(form)
})
document.addEventListener('submit', submitSupport)
