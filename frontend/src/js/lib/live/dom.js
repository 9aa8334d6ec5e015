// Tiny DOM helpers for the live screens (no framework: the phone page must stay light).

// h('button', {class: 'btn', onclick: fn, 'aria-pressed': 'true'}, 'text', child…)
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value)
    else if (key === 'class') el.className = value
    else el.setAttribute(key, value === true ? '' : String(value))
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    el.append(child instanceof Node ? child : document.createTextNode(String(child)))
  }
  return el
}

export function replace(container, ...children) {
  container.replaceChildren(...children.flat().filter(Boolean))
}

// Strings translated by Django, passed with {{ strings|json_script:"live-strings" }}.
export function strings(id = 'live-strings') {
  const node = document.getElementById(id)
  return node ? JSON.parse(node.textContent) : {}
}

// The state the page was rendered with ({{ snapshot|json_script:"live-snapshot" }}): a `snapshot`
// frame drawn at once, so a reload or a late socket never shows "waiting" over an open question.
export function initialSnapshot(id = 'live-snapshot') {
  const node = document.getElementById(id)
  const frame = node ? JSON.parse(node.textContent) : null
  return frame && frame.type === 'snapshot' ? frame : null
}

// A counted string comes as {one, other} (both forms translated by Django's ngettext): the form
// is chosen by `values.n` with the page language's plural rules (Italian, English: 1 → one).
const pluralRules = new Intl.PluralRules(document.documentElement.lang || 'it')

export function plural(forms, n) {
  if (typeof forms === 'string') return forms
  return forms[pluralRules.select(Number(n))] ?? forms.other
}

export function format(template, values) {
  return plural(template, values.n)
    .replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ''))
    .replace(/%%/g, '%')
}

// A UUID for client vote ids; crypto.randomUUID only exists on https, venue Wi-Fi may be http.
export function uuid() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6] & 0x0f) | 0x40
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

// "1. " before a label, unless the label already opens with its own code ("1.1 Strategy"): the
// number is shown once (the order of the list still gives the rank).
const CODED = /^\p{N}+(?:[.\-/]\p{N}+)*[.)]?\s/u

export function numbered(index, label) {
  return CODED.test(label) ? label : `${index + 1}. ${label}`
}
