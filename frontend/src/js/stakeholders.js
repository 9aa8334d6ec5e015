// Request to represent an organisation (/organizzazioni/richiesta/): search as you type.
// Progressive enhancement only: the search is a GET form that works without JavaScript. This
// fetches the same page for the typed words and swaps in its results ([data-org-results]), so
// the results are rendered in one place, by the server, with the same rule for what one may see.

const DELAY_MS = 300
const MIN_LENGTH = 2

function searchAsYouType(form) {
  const input = form.querySelector('input[name="q"]')
  const results = document.querySelector('[data-org-results]')
  if (!input || !results) return
  let timer = null
  let controller = null
  let last = input.value.trim()

  const search = async () => {
    const query = input.value.trim()
    if (query.length < MIN_LENGTH || query === last) return
    last = query
    if (controller) controller.abort()
    controller = new AbortController()
    const url = `${window.location.pathname}?${new URLSearchParams({ q: query })}`
    try {
      const response = await fetch(url, {
        signal: controller.signal,
        credentials: 'same-origin',
        headers: { Accept: 'text/html' },
      })
      if (!response.ok) return
      const page = new DOMParser().parseFromString(await response.text(), 'text/html')
      const fresh = page.querySelector('[data-org-results]')
      if (!fresh) return
      results.replaceChildren(...fresh.childNodes) // the region itself stays: aria-live announces the change
      window.history.replaceState(null, '', url) // the request form posts to this address, with the search
    } catch (error) {
      if (error.name !== 'AbortError') throw error
    }
  }

  input.addEventListener('input', () => {
    window.clearTimeout(timer)
    timer = window.setTimeout(search, DELAY_MS)
  })
}

document.querySelectorAll('form[data-org-search]').forEach(searchAsYouType)
