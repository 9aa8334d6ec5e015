// The phone's answer forms, one per kind family (moved out of live-phone.js: the kinds registry,
// ./index.js, names which form a kind uses). Each form gets the phone's context `ctx`:
// {question, me, results, draft (read/write), S, main, notify, redraw, sendVote, sendEntry, sendUpvote}.

import { format, h, numbered, replace } from '../dom.js'

export function submitButton(label, open, onclick) {
  return h('button', { type: 'button', class: 'btn btn-primary btn-lg w-100 live-touch mt-3', 'data-focus': 'submit', disabled: !open, onclick }, label)
}

export function answered(ctx) {
  const me = ctx.me
  return me && ((me.choices && me.choices.length) || (me.entries && me.entries.length))
}

export function lockedAnswer(ctx, open) {
  return open && answered(ctx) && !ctx.question.changeable
}

export function mineNote(ctx) {
  if (!answered(ctx)) return null
  const { question, S } = ctx
  return h('p', { class: 'live-mine-note', role: 'status' }, question.changeable && question.state === 'open' ? S.recorded_changeable : S.recorded)
}

// Enter (not Shift+Enter, not while an input method is composing) sends instead of adding a line.
export function onEnter(send) {
  return (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return
    event.preventDefault()
    send()
  }
}

// The draft a form starts from: the participant's own answer, if any.
export const choicesDraft = (ctx) => [...(ctx.me?.choices || [])]
export const rankingDraft = (ctx) => [...(ctx.me?.choices?.length ? ctx.me.choices : ctx.question.options.map((o) => o.id))]
export const wordsDraft = (ctx) => [...(ctx.me?.words || [])]

export function choiceForm(ctx, open, { multiple = false, scale = false } = {}) {
  const { question, S } = ctx
  const locked = !open || lockedAnswer(ctx, open)
  const buttons = question.options.map((option) =>
    h(
      'button',
      {
        type: 'button',
        class: `btn btn-lg live-touch live-option ${ctx.draft.includes(option.id) ? 'btn-primary' : 'btn-outline-primary'}`,
        'aria-pressed': ctx.draft.includes(option.id) ? 'true' : 'false',
        'data-focus': `option-${option.id}`,
        disabled: locked,
        onclick: () => {
          if (!multiple) ctx.draft = [option.id]
          else if (ctx.draft.includes(option.id)) ctx.draft = ctx.draft.filter((id) => id !== option.id)
          else if (ctx.draft.length < question.max_choices) ctx.draft = [...ctx.draft, option.id]
          else return ctx.notify(format(S.max_choices, { n: question.max_choices }), 'warning')
          ctx.redraw()
        },
      },
      option.label,
    ),
  )
  const group = h('div', { class: `live-options${scale ? ' live-scale' : ''}`, role: 'group' }, buttons)
  const parts = [group]
  // The ends of a scale are named only when the facilitator named them (never a bare "1 =").
  const ends = scale ? [question.scale.min_label && `1 = ${question.scale.min_label}`, question.scale.max_label && `${question.scale.max} = ${question.scale.max_label}`] : []
  if (ends.some(Boolean)) {
    parts.unshift(h('p', { class: 'live-scale-labels' }, h('span', {}, ends[0] || ''), h('span', {}, ends[1] || '')))
  }
  if (multiple) parts.unshift(h('p', {}, format(S.choose_up_to, { n: question.max_choices })))
  parts.push(
    mineNote(ctx),
    submitButton(answered(ctx) ? S.change : S.send, open && !locked && ctx.draft.length > 0, () => ctx.sendVote({ choices: ctx.draft })),
  )
  return h('div', {}, parts)
}

export function rankingForm(ctx, open) {
  const { question, S } = ctx
  const labels = new Map(question.options.map((o) => [o.id, o.label]))
  const move = (index, offset) => {
    const target = index + offset
    const draft = ctx.draft
    if (target < 0 || target >= draft.length) return
    ;[draft[index], draft[target]] = [draft[target], draft[index]]
    ctx.redraw() // the focus follows the moved item (its data-focus key)
  }
  const locked = !open || lockedAnswer(ctx, open)
  const items = ctx.draft.map((id, index) =>
    h(
      'li',
      { class: 'live-rank-item' },
      h('span', { class: 'live-rank-label' }, numbered(index, labels.get(id))),
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-outline-primary live-touch',
          'data-up': true,
          'data-focus': `up-${id}`,
          disabled: locked || index === 0,
          'aria-label': format(S.move_up, { label: labels.get(id) }),
          onclick: () => move(index, -1),
        },
        '↑',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-outline-primary live-touch',
          'data-down': true,
          'data-focus': `down-${id}`,
          disabled: locked || index === ctx.draft.length - 1,
          'aria-label': format(S.move_down, { label: labels.get(id) }),
          onclick: () => move(index, 1),
        },
        '↓',
      ),
    ),
  )
  return h(
    'div',
    {},
    h('p', {}, S.rank_help),
    h('ol', { class: 'live-rank list-unstyled' }, items),
    mineNote(ctx),
    submitButton(answered(ctx) ? S.change : S.send, open && !locked, () => ctx.sendVote({ choices: ctx.draft })),
  )
}

export function wordsForm(ctx, open) {
  const { question, S } = ctx
  const locked = !open || lockedAnswer(ctx, open)
  const collect = () => [...ctx.main.querySelectorAll('input')].map((input) => input.value.trim()).filter(Boolean)
  const send = () => {
    if (open && !locked && collect().length) ctx.sendVote({ words: collect() })
  }
  const inputs = Array.from({ length: question.max_choices }, (_, index) =>
    h(
      'div',
      { class: 'form-group' },
      h('label', { for: `live-word-${index}`, class: 'active' }, format(S.word_n, { n: index + 1 })),
      h('input', {
        id: `live-word-${index}`,
        'data-focus': `word-${index}`,
        class: 'form-control',
        maxlength: 30,
        autocomplete: 'off',
        enterkeyhint: 'send',
        value: ctx.draft[index] || '',
        disabled: locked,
        onkeydown: onEnter(send),
      }),
    ),
  )
  return h(
    'div',
    {},
    inputs,
    mineNote(ctx),
    submitButton(answered(ctx) ? S.change : S.send, open && !locked, () => ctx.sendVote({ words: collect() })),
  )
}

export function textForm(ctx, open, { qa = false } = {}) {
  const { question, S } = ctx
  const mine = ctx.me?.entries || []
  const parts = []
  if (open && mine.length < question.max_choices) {
    const send = () => {
      if (area.value.trim()) ctx.sendEntry(area.value)
    }
    // Enter sends, Shift+Enter starts a new line (the help text under the box says so).
    const area = h('textarea', {
      id: 'live-text',
      'data-focus': 'text',
      class: 'form-control',
      rows: 3,
      maxlength: 280,
      enterkeyhint: 'send',
      'aria-describedby': 'live-text-help',
      onkeydown: onEnter(send),
    })
    parts.push(
      h(
        'div',
        { class: 'form-group' },
        h('label', { for: 'live-text', class: 'active' }, qa ? S.ask_label : S.text_label),
        area,
        h('small', { id: 'live-text-help', class: 'form-text' }, S.enter_help),
      ),
      submitButton(qa ? S.ask : S.send, true, send),
    )
  }
  if (mine.length) {
    parts.push(
      h('h2', { class: 'h6 mt-4' }, S.yours),
      h(
        'ul',
        { class: 'live-mine' },
        mine.map((e) => h('li', {}, e.text, ' ', h('span', { class: 'badge bg-light text-dark' }, S[`entry_${e.status}`] || e.status))),
      ),
    )
  }
  if (qa) parts.push(h('div', { 'data-live-qa-list': true }))
  const container = h('div', {}, parts)
  if (qa) drawQaList(ctx, container)
  return container
}

// Q&A: the approved audience questions to upvote (they come with the results).
export function drawQaList(ctx, scope = ctx.main) {
  const holder = scope.querySelector('[data-live-qa-list]')
  if (!holder) return
  const { question, results, S } = ctx
  if (!results?.visible || !results.entries?.length) return replace(holder)
  const open = question.state === 'open'
  const upvoted = new Set(ctx.me?.upvoted || [])
  replace(
    holder,
    h('h2', { class: 'h6 mt-4' }, S.audience_questions),
    h(
      'ol',
      { class: 'live-entries list-unstyled' },
      results.entries.map((entry) =>
        h(
          'li',
          { class: 'live-entry' },
          h('span', { class: 'live-entry-text' }, entry.text),
          h(
            'button',
            {
              type: 'button',
              class: `btn btn-sm ${upvoted.has(entry.id) ? 'btn-primary' : 'btn-outline-primary'} live-touch`,
              'data-focus': `upvote-${entry.id}`,
              disabled: !open || upvoted.has(entry.id),
              'aria-label': format(S.upvote_label, { text: entry.text, n: entry.upvotes }),
              onclick: () => ctx.sendUpvote(entry.id),
            },
            `▲ ${entry.upvotes}`,
          ),
        ),
      ),
    ),
  )
}
