// Auto-renders every <canvas data-chart='{json}'> on the page with Chart.js.
//
// data-chart JSON: {"type": "bar", "labels": [...],
//                   "datasets": [{"label": "...", "data": [...]}, ...],
//                   "options": {...}}            (options optional)
//
// Wrap the canvas in <div class="chart-container"> (css/app.css) to give it a
// fixed height; otherwise Chart.js keeps a 2:1 aspect ratio.
//
// Accessibility: the canvas gets role="img" if it has no role; give it an
// aria-label (or aria-labelledby) and, inside the <canvas>, a fallback such
// as a data table or a textual summary. Animations are disabled when the
// user prefers reduced motion.

import Chart from 'chart.js/auto'

// Bootstrap Italia palette (primary, success, warning, danger, slate, ...)
const PALETTE = ['#0066CC', '#008055', '#CC7A00', '#D9364F', '#5C6F82', '#004D99', '#00A36B', '#995C00', '#A61F35', '#17324D']

Chart.defaults.font.family = "'Titillium Web', Geneva, Tahoma, sans-serif"
Chart.defaults.color = '#1A1A1A'

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)')

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function colourise(type, datasets) {
  const perPoint = ['pie', 'doughnut', 'polarArea'].includes(type)
  return datasets.map((ds, i) => {
    if (ds.backgroundColor || ds.borderColor) return ds
    if (perPoint) {
      const n = Array.isArray(ds.data) ? ds.data.length : 0
      return { ...ds, backgroundColor: Array.from({ length: n }, (_, j) => PALETTE[j % PALETTE.length]) }
    }
    const colour = PALETTE[i % PALETTE.length]
    return { ...ds, backgroundColor: colour, borderColor: colour }
  })
}

// A long category label (an axis's full title) is cut off at the chart's edge on a phone:
// Chart.js draws an array label on several lines, so long labels wrap at about 24 characters.
function wrapLabel(label, width = 24) {
  if (typeof label !== 'string' || label.length <= width) return label
  const lines = []
  let line = ''
  for (const word of label.split(' ')) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line)
      line = word
    } else {
      line = line ? `${line} ${word}` : word
    }
  }
  if (line) lines.push(line)
  return lines
}

function buildConfig(spec, canvas) {
  const type = spec.type || 'bar'
  const options = isObject(spec.options) ? { ...spec.options } : {}
  if (options.responsive === undefined) options.responsive = true
  // inside a sized wrapper (.chart-container) fill its height instead of
  // keeping the default 2:1 ratio, which is too flat on phones
  if (options.maintainAspectRatio === undefined && canvas.parentElement?.classList.contains('chart-container')) {
    options.maintainAspectRatio = false
  }
  if (reducedMotion.matches) options.animation = false
  // horizontal bars: every row keeps its name (Chart.js would skip every other wrapped label)
  if (type === 'bar' && options.indexAxis === 'y') {
    const scales = isObject(options.scales) ? { ...options.scales } : {}
    const y = isObject(scales.y) ? { ...scales.y } : {}
    y.ticks = { autoSkip: false, ...(isObject(y.ticks) ? y.ticks : {}) }
    options.scales = { ...scales, y }
  }
  return {
    type,
    data: {
      labels: Array.isArray(spec.labels) ? (['bar', 'line'].includes(type) ? spec.labels.map((label) => wrapLabel(label)) : spec.labels) : [],
      datasets: colourise(type, Array.isArray(spec.datasets) ? spec.datasets : []),
    },
    options,
  }
}

function render(canvas) {
  if (canvas.dataset.chartReady) return
  let spec
  try {
    spec = JSON.parse(canvas.dataset.chart)
  } catch (err) {
    console.warn('data-chart: invalid JSON', canvas, err)
    return
  }
  if (!isObject(spec)) return
  if (!canvas.hasAttribute('role')) canvas.setAttribute('role', 'img')
  if (!canvas.hasAttribute('aria-label') && !canvas.hasAttribute('aria-labelledby')) {
    const title = spec.options?.plugins?.title?.text
    const label = Array.isArray(title) ? title.join(' ') : title || spec.datasets?.[0]?.label
    if (label) canvas.setAttribute('aria-label', String(label))
  }
  canvas.dataset.chartReady = '1'
  return new Chart(canvas, buildConfig(spec, canvas))
}

function renderAll(root = document) {
  root.querySelectorAll('canvas[data-chart]').forEach(render)
}

// Stop animations if the user turns on reduced motion while the page is open.
reducedMotion.addEventListener?.('change', () => {
  if (!reducedMotion.matches) return
  document.querySelectorAll('canvas[data-chart-ready]').forEach((canvas) => {
    const chart = Chart.getChart(canvas)
    if (!chart) return
    chart.options.animation = false
    chart.update('none')
  })
})

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => renderAll())
} else {
  renderAll()
}

// For content inserted later (e.g. live updates): window.ConsultazioneCharts.renderAll(el);
// chartOf(canvas): the Chart.js instance drawn on a canvas (tests read its scales)
window.ConsultazioneCharts = { renderAll, render, chartOf: (canvas) => Chart.getChart(canvas) }
