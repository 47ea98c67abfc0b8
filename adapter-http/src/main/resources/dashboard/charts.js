// The dashboard's charts, drawn by Chart.js on canvases (served by the service from its webjar).

const Chart = window.Chart;

export const OUTCOME_COLOURS = {
  success: '#2e7d32',
  failed: '#c62828',
  aborted: '#ef6c00',
  installing: '#1565c0',
  unknown: '#757575',
};
const PALETTE = ['#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#c62828', '#5d4037', '#ad1457',
  '#558b2f', '#4527a0', '#757575', '#f9a825'];

if (window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
  Chart.defaults.animation = false;
}
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
Chart.defaults.color = '#333';
Chart.defaults.maintainAspectRatio = false;

function draw(canvasId, config, description) {
  const canvas = document.getElementById(canvasId);
  Chart.getChart(canvas)?.destroy();
  canvas.setAttribute('aria-label', description);
  return new Chart(canvas, config);
}

function summary(title, labels, values) {
  if (labels.length === 0) {
    return `${title}: none in this range.`;
  }
  return `${title}: ${labels.map((label, i) => `${label} ${values[i]}`).join(', ')}.`;
}

/** Runs per day (or per hour for the one-day range), stacked by outcome. */
export function drawInstalls(periods, hourly) {
  const labels = periods.map((period) => (hourly ? period.hour.slice(11, 16) : period.date));
  const series = [
    ['success', 'Success'], ['failed', 'Failed'], ['aborted', 'Aborted'], ['installing', 'In progress'],
    ['unknown', 'Unknown'],
  ];
  const datasets = series.map(([field, label]) => ({
    label,
    data: periods.map((period) => period[field]),
    backgroundColor: OUTCOME_COLOURS[field],
  }));
  const totals = periods.map((period) => series.reduce((sum, [field]) => sum + period[field], 0));
  draw('chart-installs', {
    type: 'bar',
    data: { labels, datasets },
    options: {
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  }, summary(hourly ? 'Installs per hour' : 'Installs per day', labels, totals));
}

/** One series of counts as horizontal bars, a label per item. */
export function drawBars(canvasId, title, items, labelOf) {
  const labels = items.map(labelOf);
  const values = items.map((item) => item.count);
  draw(canvasId, {
    type: 'bar',
    data: { labels, datasets: [{ label: title, data: values, backgroundColor: PALETTE[0] }] },
    options: {
      indexAxis: 'y',
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: false } },
    },
  }, summary(title, labels, values));
}

/** Shares of a whole, as a doughnut. */
export function drawShares(canvasId, title, items, labelOf) {
  const labels = items.map(labelOf);
  const values = items.map((item) => item.count);
  draw(canvasId, {
    type: 'doughnut',
    data: {
      labels,
      datasets: [{ label: title, data: values, backgroundColor: labels.map((_, i) => PALETTE[i % PALETTE.length]) }],
    },
    options: { plugins: { legend: { position: 'right' } } },
  }, summary(title, labels, values));
}
