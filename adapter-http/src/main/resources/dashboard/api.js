// Reads the service's JSON API. A failed answer becomes an ApiError whose message is the API's own
// explanation (its "error" and each violation), so the page can say what went wrong.

export class ApiError extends Error {
  constructor(status, body) {
    super(describe(status, body));
    this.status = status;
  }
}

function describe(status, body) {
  if (!body || typeof body.error !== 'string') {
    return `The service answered ${status}.`;
  }
  const violations = Array.isArray(body.violations)
    ? body.violations.map((violation) => `${violation.field}: ${violation.message}`)
    : [];
  return violations.length > 0 ? `${body.error} (${violations.join('; ')})` : body.error;
}

export async function getJson(path, query) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') {
      search.set(name, value);
    }
  }
  let response;
  try {
    response = await fetch(`${path}?${search}`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  } catch {
    throw new ApiError(0, { error: 'The service could not be reached.' });
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok || body === null) {
    throw new ApiError(response.status, body);
  }
  return body;
}
