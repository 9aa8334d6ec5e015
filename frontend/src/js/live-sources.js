// The preview of a question built from the consultation (templates/live/question_source.html):
// ↑/↓ buttons beside each option's position. The form works without them: the position numbers
// decide the order; the buttons move the row and renumber every position.

const table = document.getElementById('source-options')
if (table) {
  const body = table.tBodies[0]
  const renumber = () => {
    ;[...body.rows].forEach((row, index) => {
      row.querySelector('input[name$="-ORDER"]').value = String(index + 1)
    })
  }
  for (const move of table.querySelectorAll('[data-move]')) move.hidden = false
  table.addEventListener('click', (event) => {
    const button = event.target.closest('[data-up], [data-down]')
    if (!button) return
    const row = button.closest('tr')
    if (button.hasAttribute('data-up') && row.previousElementSibling) body.insertBefore(row, row.previousElementSibling)
    else if (button.hasAttribute('data-down') && row.nextElementSibling) body.insertBefore(row.nextElementSibling, row)
    renumber()
    button.focus()
  })
}
