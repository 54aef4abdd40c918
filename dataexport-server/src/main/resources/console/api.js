// The console's only way to the service: the REST API under /api/v1, signed in with the session
// cookie (HTTP-only, so never visible here) and the CSRF token the session gave, which every call
// that changes something sends back.

let csrfToken = null;
let onSignedOut = () => {};

/** An error answer of the API: its status and its {code, message, details}. */
export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `The service answered ${status}.`);
    this.status = status;
    this.code = error.code || 'http' + status;
    this.details = error.details || [];
  }
}

/** Called when a call finds the session gone (401), e.g. expired. */
export function whenSignedOut(callback) {
  onSignedOut = callback;
}

/** Calls the API; resolves to the JSON answer (null for 204), rejects with an ApiError. */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch('/api/v1' + path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    let parsed = null;
    try {
      parsed = await response.json();
    } catch {
      // not JSON: the status says enough
    }
    const error = new ApiError(response.status, parsed);
    if (response.status === 401 && !path.startsWith('/session')) onSignedOut();
    throw error;
  }
  return response.status === 204 ? null : response.json();
}

/** The current session ({name, role, csrfToken, expiresAt}) or null when not signed in. */
export async function currentSession() {
  try {
    return remember(await api('GET', '/session'));
  } catch (e) {
    if (e.status === 401) return null;
    throw e;
  }
}

/** Exchanges an API key for a session cookie. */
export async function signIn(apiKey) {
  return remember(await api('POST', '/session', { apiKey }));
}

export async function signOut() {
  try {
    await api('DELETE', '/session');
  } finally {
    csrfToken = null;
  }
}

/** Which sign-in methods the service offers: {apiKey, oidc}. */
export async function providers() {
  try {
    return await api('GET', '/session/providers');
  } catch {
    return { apiKey: true, oidc: false };
  }
}

function remember(session) {
  csrfToken = session.csrfToken;
  return session;
}

/** Whether a role may do what `needed` may: viewer < operator < admin. */
export function may(role, needed) {
  const order = ['viewer', 'operator', 'admin'];
  return order.indexOf(role) >= order.indexOf(needed);
}
