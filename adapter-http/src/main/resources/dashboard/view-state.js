// What the reader is looking at, kept in the address so a view can be shared and reloaded.
// Values pass to the API as written: a bad one in a shared link is answered with the API's
// explanation rather than silently replaced.

const DEFAULTS = { days: '30', repo: 'ProxmoxVE', status: '', app: '', os: '', type: '', sort: '-created', page: '1' };

export function readView() {
  const params = new URLSearchParams(window.location.search);
  const view = {};
  for (const [name, fallback] of Object.entries(DEFAULTS)) {
    const value = params.get(name);
    view[name] = value === null || value.trim() === '' ? fallback : value.trim();
  }
  return view;
}

export function writeView(view) {
  const params = new URLSearchParams();
  for (const [name, fallback] of Object.entries(DEFAULTS)) {
    if (view[name] !== fallback) {
      params.set(name, view[name]);
    }
  }
  const search = params.toString();
  window.history.replaceState(null, '', search === '' ? window.location.pathname : `?${search}`);
}
