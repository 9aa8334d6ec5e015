// Contributions: small progressive enhancements. Every feature also works without JS
// (the server renders similar contributions on demand, selects show every option and the
// service checks the pairs, reply links open a page with the thread).

const DEBOUNCE_MS = 350

// 1. Similar contributions while writing the title ---------------------------------------
function setupSimilar(form) {
  const url = form.dataset.similarUrl
  const title = form.querySelector('#id_title')
  const box = document.getElementById('similar-contributions')
  if (!url || !title || !box) return
  form.querySelectorAll('.similar-nojs').forEach((el) => el.classList.add('d-none'))

  let timer = null
  let controller = null
  const render = (results) => {
    box.replaceChildren()
    if (!results.length) return
    const intro = document.createElement('p')
    intro.className = 'fw-semibold mb-1'
    intro.textContent = box.dataset.introText
    const list = document.createElement('ul')
    list.className = 'mb-0'
    for (const item of results) {
      const li = document.createElement('li')
      const link = document.createElement('a')
      link.href = item.url
      link.target = '_blank'
      link.rel = 'noopener'
      link.textContent = item.title
      li.append(link, ` (${item.reference} · ${item.kind})`)
      if (item.axis) {
        const where = document.createElement('span')
        where.className = 'd-block small similar-axis'
        where.textContent = item.axis
        li.append(where)
      }
      list.append(li)
    }
    const callout = document.createElement('div')
    callout.className = 'callout note similar-results'
    callout.append(intro, list)
    box.append(callout)
  }
  const lookup = async () => {
    const text = title.value.trim()
    if (text.length < 4) {
      render([])
      return
    }
    if (controller) controller.abort()
    controller = new AbortController()
    const params = new URLSearchParams({ title: text })
    try {
      const response = await fetch(`${url}?${params}`, { signal: controller.signal, credentials: 'same-origin' })
      if (response.ok) render((await response.json()).results || [])
    } catch (error) {
      if (error.name !== 'AbortError') render([])
    }
  }
  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(lookup, DEBOUNCE_MS)
  }
  title.addEventListener('input', schedule)
}

// 2. Dependent selects: strategies of the axis, actions of the strategy, comuni of the zone --
function narrow(parent, child, attribute) {
  if (!parent || !child) return
  const apply = () => {
    const value = parent.value
    for (const option of child.options) {
      const owner = option.dataset[attribute]
      if (owner === undefined) continue
      const visible = !value || owner === value
      option.hidden = !visible
      option.disabled = !visible
    }
    if (child.selectedOptions[0]?.disabled) child.value = ''
  }
  parent.addEventListener('change', () => {
    apply()
    child.dispatchEvent(new Event('change'))
  })
  apply()
}

// Which plans each kind may point at comes from the server (the axis select's
// data-plan-roles-by-kind, rendered from KIND_RULES; each <optgroup> carries its data-plan-role):
// hide the groups the chosen kind may not use (the server refuses them anyway, with a message).
function plansOpenToKind(root) {
  const axis = root.querySelector('#id_axis[data-plan-roles-by-kind]')
  const kinds = root.querySelectorAll('input[name="kind"]')
  if (!axis || !kinds.length) return
  const rolesByKind = JSON.parse(axis.dataset.planRolesByKind)
  const apply = () => {
    const kind = root.querySelector('input[name="kind"]:checked')?.value
    const roles = rolesByKind[kind]
    for (const group of axis.querySelectorAll('optgroup[data-plan-role]')) {
      const allowed = !roles || roles.includes(group.dataset.planRole)
      group.hidden = !allowed
      for (const option of group.querySelectorAll('option')) option.disabled = !allowed
    }
    if (axis.selectedOptions[0]?.disabled) {
      axis.value = ''
      axis.dispatchEvent(new Event('change'))
    }
  }
  kinds.forEach((input) => input.addEventListener('change', apply))
  apply()
}

function setupSelects(root) {
  const byId = (id) => root.querySelector(`#${id}`)
  plansOpenToKind(root)
  narrow(byId('id_axis'), byId('id_strategy'), 'axis')
  narrow(byId('id_strategy'), byId('id_action'), 'strategy')
  narrow(byId('id_zona'), byId('id_comune'), 'zona')
}

// 3. Replies loaded on demand ------------------------------------------------------------
document.addEventListener('click', async (event) => {
  const link = event.target.closest('a[data-replies-url]')
  if (!link) return
  const target = document.getElementById(link.dataset.repliesTarget)
  if (!target) return
  event.preventDefault()
  link.setAttribute('aria-busy', 'true')
  try {
    const response = await fetch(link.dataset.repliesUrl, { credentials: 'same-origin' })
    if (!response.ok) throw new Error(String(response.status))
    target.innerHTML = await response.text()
    const first = target.querySelector('.comment')
    if (first) {
      first.setAttribute('tabindex', '-1')
      first.focus()
    }
  } catch {
    window.location.href = link.href
  }
})

document.querySelectorAll('form.contribution-form').forEach((form) => {
  setupSimilar(form)
  setupSelects(form)
})
document.querySelectorAll('form.contribution-filters').forEach(setupSelects)

// 4. The list's filters: folded behind «Filtra» on small screens (a <details>, so they work
// without JS), open from the lg breakpoint up (app.css does it where ::details-content exists).
const LARGE = window.matchMedia('(min-width: 992px)')
document.querySelectorAll('details[data-open-from-lg]').forEach((panel) => {
  if (LARGE.matches) panel.open = true
})
