// The records part of the page: one page of GET /api/records, its filters and pager, and the
// detail of one record.

import { cell, count, duration, fillBody, row, text, timestamp } from './format.js';

function statusBadge(status) {
  const td = document.createElement('td');
  const badge = cell('span', text(status), 'badge');
  if (typeof status === 'string' && /^[a-z_]+$/.test(status)) {
    badge.classList.add(`badge-${status}`);
  }
  td.append(badge);
  return td;
}

function recordRow(record, open) {
  const script = document.createElement('td');
  const button = cell('button', text(record.nsapp), 'row-link');
  button.type = 'button';
  script.append(button);
  const os = [record.os_type, record.os_version].filter((part) => part !== null && part !== '').join(' ');
  const tr = row([
    cell('td', timestamp(record.created)),
    script,
    cell('td', text(record.type)),
    statusBadge(record.status),
    cell('td', text(os)),
    cell('td', text(record.pve_version)),
    cell('td', text(record.exit_code), 'number'),
    cell('td', record.install_duration ? duration(record.install_duration) : '–', 'number'),
    cell('td', text(record.error), 'error-text'),
  ]);
  tr.className = 'record';
  tr.addEventListener('click', () => open(record));
  return tr;
}

export function showRecords(answer, open) {
  const table = document.getElementById('records-table');
  fillBody(table, answer.records.map((record) => recordRow(record, open)), 'No records match these filters.');
  const pages = Math.max(answer.total_pages, 1);
  document.getElementById('page-position').textContent =
    `Page ${answer.page} of ${pages} · ${count(answer.total)} records`;
  document.getElementById('page-previous').disabled = answer.page <= 1;
  document.getElementById('page-next').disabled = answer.page >= pages;
  return answer.total === 0 ? 'empty' : 'ready';
}

export function showDetail(record) {
  const fields = Object.entries(record).flatMap(([name, value]) => [cell('dt', name), cell('dd', text(value))]);
  document.getElementById('record-fields').replaceChildren(...fields);
  document.getElementById('record-detail-heading').textContent = `Record: ${text(record.nsapp)}`;
  const dialog = document.getElementById('record-detail');
  if (!dialog.open) {
    dialog.showModal();
  }
}
