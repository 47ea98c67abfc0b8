// The dashboard page: reads the view from the address, loads statistics and records from the
// service's API, and keeps the address in step with the controls.

import { getJson } from './api.js';
import { showDetail, showRecords } from './records.js';
import { showStatistics } from './summary.js';
import { readView, writeView } from './view-state.js';

const REFRESH_MILLIS = 60_000;
const STATISTICS = { statistics: true };
const RECORDS = { records: true };
const EVERYTHING = { statistics: true, records: true };
const view = readView();
const loads = { statistics: 0, records: 0 };
let refreshTimer = null;
let typingTimer = null;

const $ = (id) => document.getElementById(id);

/** Marks a part of the page as loading, ready, empty or failed, and says so to the reader. */
function setState(part, state, message) {
  const section = $(part === 'statistics' ? 'dashboard' : 'records');
  const prefix = part === 'statistics' ? 'dashboard' : 'records';
  section.dataset.state = state;
  section.setAttribute('aria-busy', String(state === 'loading'));
  $(`${prefix}-status`).textContent = state === 'loading' ? 'Loading…' : '';
  const error = $(`${prefix}-error`);
  error.hidden = state !== 'error';
  error.textContent = state === 'error' ? message : '';
  if (part === 'statistics') {
    $('dashboard-empty').hidden = state !== 'empty';
  }
}

async function loadStatistics() {
  const load = ++loads.statistics;
  setState('statistics', 'loading');
  try {
    const stats = await getJson('api/dashboard', { days: view.days, repo: view.repo });
    if (load === loads.statistics) {
      setState('statistics', showStatistics(stats));
    }
  } catch (failure) {
    if (load === loads.statistics) {
      setState('statistics', 'error', `The statistics could not be loaded: ${failure.message}`);
    }
  }
}

async function loadRecords() {
  const load = ++loads.records;
  setState('records', 'loading');
  try {
    const answer = await getJson('api/records', {
      page: view.page, limit: 25, status: view.status, app: view.app, os: view.os, type: view.type,
      sort: view.sort, repo: view.repo,
    });
    if (load === loads.records) {
      setState('records', showRecords(answer, showDetail));
    }
  } catch (failure) {
    if (load === loads.records) {
      setState('records', 'error', `The records could not be loaded: ${failure.message}`);
    }
  }
}

/** Applies a change of view; the records do not depend on the range, so only what changed reloads. */
function change(updates, reload) {
  Object.assign(view, updates);
  writeView(view);
  if (reload.statistics) {
    loadStatistics();
  }
  if (reload.records) {
    loadRecords();
  }
}

function setRefresh(on) {
  window.clearInterval(refreshTimer);
  refreshTimer = on ? window.setInterval(() => {
    if (!document.hidden) {
      loadStatistics();
      loadRecords();
    }
  }, REFRESH_MILLIS) : null;
}

function showViewInControls() {
  $('days').value = view.days;
  $('repo').value = view.repo;
  $('filter-status').value = view.status;
  $('filter-app').value = view.app;
  $('filter-os').value = view.os;
  $('filter-type').value = view.type;
  $('filter-sort').value = view.sort;
}

function listen() {
  $('view').addEventListener('submit', (event) => event.preventDefault());
  $('days').addEventListener('change', (event) => change({ days: event.target.value }, STATISTICS));
  $('repo').addEventListener('change', (event) => change({ repo: event.target.value, page: '1' }, EVERYTHING));
  $('auto-refresh').addEventListener('change', (event) => setRefresh(event.target.checked));
  $('record-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    window.clearTimeout(typingTimer);
    change({ app: $('filter-app').value.trim(), os: $('filter-os').value.trim(), page: '1' }, RECORDS);
  });
  for (const [id, name] of [['filter-status', 'status'], ['filter-type', 'type'], ['filter-sort', 'sort']]) {
    $(id).addEventListener('change', (event) => change({ [name]: event.target.value, page: '1' }, RECORDS));
  }
  for (const [id, name] of [['filter-app', 'app'], ['filter-os', 'os']]) {
    // wait for a pause in typing, so each keystroke does not cost a request
    $(id).addEventListener('input', (event) => {
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(() => change({ [name]: event.target.value.trim(), page: '1' }, RECORDS), 400);
    });
  }
  const page = () => Number.parseInt(view.page, 10) || 1;
  $('page-previous').addEventListener('click', () => change({ page: String(Math.max(page() - 1, 1)) }, RECORDS));
  $('page-next').addEventListener('click', () => change({ page: String(page() + 1) }, RECORDS));
  $('record-close').addEventListener('click', () => $('record-detail').close());
}

showViewInControls();
listen();
loadStatistics();
loadRecords();
