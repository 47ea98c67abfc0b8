// The statistics part of the page: cards, charts and tables of GET /api/dashboard.

import { drawBars, drawInstalls, drawShares } from './charts.js';
import { cell, count, duration, fillBody, percent, row, text } from './format.js';

function setCard(id, value) {
  document.getElementById(id).textContent = value;
}

function showCards(stats) {
  setCard('card-total', count(stats.total_installs));
  setCard('card-success', count(stats.success_count));
  setCard('card-failed', count(stats.failed_count));
  setCard('card-aborted', count(stats.aborted_count));
  setCard('card-in-progress', count(stats.installing_count));
  setCard('card-unknown', count(stats.unknown_count));
  setCard('card-success-rate', stats.success_count + stats.failed_count === 0 ? '–' : percent(stats.success_rate));
  setCard('card-duration', duration(stats.avg_install_duration));
}

function showCharts(stats) {
  const hourly = stats.days === 1;
  document.getElementById('installs-heading').textContent = hourly ? 'Installs per hour' : 'Installs per day';
  drawInstalls(hourly ? stats.hourly_stats : stats.daily_stats, hourly);
  drawBars('chart-top-apps', 'Installs', stats.top_apps, (item) => item.app);
  drawBars('chart-os', 'Installs', stats.os_distribution, (item) => item.os);
  drawBars('chart-pve', 'Installs', stats.pve_versions, (item) => item.version);
  drawShares('chart-type', 'Installs', stats.type_stats, (item) => item.type);
  drawShares('chart-method', 'Installs', stats.method_stats, (item) => item.method);
  drawBars('chart-gpu', 'Installs', stats.gpu_stats, (item) => `${item.vendor} / ${item.passthrough}`);
  drawShares('chart-cpu', 'Installs', stats.cpu_vendors, (item) => item.vendor);
  drawBars('chart-categories', 'Failed installs', stats.error_categories, (item) => item.category);
}

function showTables(stats) {
  fillBody(document.getElementById('failed-apps'), stats.failed_apps.map((app) => row([
    cell('td', app.app),
    cell('td', count(app.total_count), 'number'),
    cell('td', count(app.failed_count), 'number'),
    cell('td', percent(app.failure_rate), 'number'),
  ])), 'No script has enough finished runs in this range.');
  fillBody(document.getElementById('error-patterns'), stats.error_analysis.map((pattern) => row([
    cell('td', pattern.pattern, 'error-text'),
    cell('td', count(pattern.count), 'number'),
    cell('td', text(pattern.apps), 'wrap'),
  ])), 'No failed installs in this range.');
  fillBody(document.getElementById('exit-codes'), stats.exit_code_stats.map((code) => row([
    cell('td', String(code.exit_code), 'number'),
    cell('td', text(code.description), 'wrap'),
    cell('td', count(code.count), 'number'),
    cell('td', percent(code.percentage), 'number'),
  ])), 'No failed installs in this range.');
}

/** The OS names of the range, offered in the records' OS filter. */
function offerOsNames(stats) {
  const options = stats.os_distribution.map((item) => {
    const option = document.createElement('option');
    option.value = item.os;
    return option;
  });
  document.getElementById('os-names').replaceChildren(...options);
}

function showGenerated(stats) {
  const when = typeof stats.generated_at === 'string'
    ? `${stats.generated_at.replace('T', ' ').slice(0, 19)} UTC` : 'unknown';
  document.getElementById('generated').textContent =
    `Statistics generated ${when}${stats.from_cache ? ' (from cache)' : ''}.`;
}

export function showStatistics(stats) {
  showCards(stats);
  showCharts(stats);
  showTables(stats);
  offerOsNames(stats);
  showGenerated(stats);
  return stats.total_installs === 0 ? 'empty' : 'ready';
}
