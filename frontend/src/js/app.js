// Site-wide JS for Consultazione. Loaded with <script defer> after the
// Bootstrap Italia bundle, which wires its components through data
// attributes on its own. Keep this file tiny and CSP-clean: no inline
// handlers, no eval, no injected <style>.
//
// NOTE: never call `bootstrap.loadFonts()`: it injects an inline <style>.
// The @font-face rules are served statically from
// bootstrap-italia/css/fonts.css (see build.mjs).

// `data-confirm="Message"` on a <form> (or on a submit button) asks for
// confirmation before submitting: the CSP-compatible replacement for
// onsubmit="return confirm(...)".
document.addEventListener('submit', (event) => {
  const form = event.target
  if (!(form instanceof HTMLFormElement)) return
  const message = event.submitter?.dataset.confirm || form.dataset.confirm
  if (message && !window.confirm(message)) event.preventDefault()
})

// A table wider than the screen scrolls sideways inside `.table-responsive`: while it does,
// the box takes the keyboard focus (arrow keys scroll it, WCAG 2.1.1) and is named after its
// table. Boxes that fit get no extra tab stop.
function markScrollingTables() {
  for (const box of document.querySelectorAll('.table-responsive')) {
    const scrolls = box.scrollWidth > box.clientWidth
    if (scrolls && !box.hasAttribute('tabindex')) {
      const table = box.querySelector('table')
      const name = table?.caption?.textContent.trim() || table?.getAttribute('aria-label')
      box.tabIndex = 0
      box.dataset.scrollFocus = ''
      if (name) {
        box.setAttribute('role', 'region')
        box.setAttribute('aria-label', name)
      }
    } else if (!scrolls && 'scrollFocus' in box.dataset) {
      for (const attribute of ['tabindex', 'role', 'aria-label', 'data-scroll-focus']) box.removeAttribute(attribute)
    }
  }
}

let resizeTimer = null
markScrollingTables()
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer)
  resizeTimer = setTimeout(markScrollingTables, 200)
})

// `data-auto-submit` on a <form> sends it as soon as the page loads (the SPID/CIE request to the
// identity provider, which travels as a POST); the form's own button is the no-JS fallback.
for (const form of document.querySelectorAll('form[data-auto-submit]')) form.submit()

// A form with a `kind` select shows only the fields the chosen kind uses: each kind-specific field
// says which kinds use it in `data-kinds` (the live question form: consultazione/live/kinds.py).
// Without JS every field stays visible and the server ignores those the kind does not use.
function showFieldsOfKind(form) {
  const select = form.querySelector('select[name="kind"]')
  if (!select) return
  const update = () => {
    for (const field of form.querySelectorAll('[data-kinds]')) {
      const wrapper = field.closest('div') || field
      wrapper.hidden = !field.dataset.kinds.split(' ').includes(select.value)
    }
  }
  select.addEventListener('change', update)
  update()
}
document.querySelectorAll('form').forEach((form) => {
  if (form.querySelector('[data-kinds]')) showFieldsOfKind(form)
})
