// How numbers, times and table cells look. Every text from the API is set as textContent, never
// as markup: script names and error texts come from clients.

const whole = new Intl.NumberFormat('en-US');
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function count(value) {
  return whole.format(value ?? 0);
}

export function percent(value) {
  return `${oneDecimal.format(value ?? 0)} %`;
}

/** Seconds as "42s" or "5m 12s"; a dash when there is nothing to average. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || seconds <= 0) {
    return '–';
  }
  const rounded = Math.round(seconds);
  if (rounded < 60) {
    return `${rounded}s`;
  }
  return `${Math.floor(rounded / 60)}m ${rounded % 60}s`;
}

/** An ISO-8601 UTC instant as "2026-11-23 15:30", independent of the reader's time zone. */
export function timestamp(iso) {
  return typeof iso === 'string' ? iso.replace('T', ' ').slice(0, 16) : '–';
}

export function text(value) {
  return value === null || value === undefined || value === '' ? '–' : String(value);
}

export function cell(tag, content, className) {
  const element = document.createElement(tag);
  element.textContent = content;
  if (className) {
    element.className = className;
  }
  return element;
}

export function row(cells) {
  const tr = document.createElement('tr');
  tr.append(...cells);
  return tr;
}

/** Replaces a table body's rows; an empty list gets one row that says so. */
export function fillBody(table, rows, emptyText) {
  const body = table.tBodies[0];
  if (rows.length === 0) {
    const empty = cell('td', emptyText, 'empty');
    empty.colSpan = table.tHead.rows[0].cells.length;
    body.replaceChildren(row([empty]));
  } else {
    body.replaceChildren(...rows);
  }
}
