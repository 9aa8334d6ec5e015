// Export and report builds: polls the job's status endpoint and updates the progress,
// then shows the download link or the error (with its retry form). Without JavaScript
// the page has a refresh link and the same information.

const POLL_MS = 1500

function update(box, status) {
  const label = box.querySelector('[data-job-status-label]')
  if (label) label.textContent = status.status_label
  const progress = box.querySelector('[data-job-progress]')
  if (progress) {
    progress.value = status.progress
    progress.textContent = `${status.progress}%`
  }
  const percent = box.querySelector('[data-job-percent]')
  if (percent) percent.textContent = String(status.progress)
  const download = box.querySelector('[data-job-download]')
  if (download && status.download_url) {
    download.querySelector('[data-job-download-link]').href = status.download_url
    download.hidden = false
  }
  const error = box.querySelector('[data-job-error]')
  if (error && status.status === 'failed') {
    error.querySelector('[data-job-error-text]').textContent = status.error
    error.hidden = false
  }
  if (status.finished) box.querySelector('[data-job-refresh]')?.remove()
}

function watch(box) {
  if (box.dataset.finished === '1') return
  const url = box.dataset.statusUrl
  const tick = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      if (!response.ok) return
      const status = await response.json()
      update(box, status)
      if (status.finished) return
    } catch (err) {
      console.warn('job status', err)
    }
    window.setTimeout(tick, POLL_MS)
  }
  window.setTimeout(tick, POLL_MS)
}

document.querySelectorAll('[data-job]').forEach(watch)
