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
