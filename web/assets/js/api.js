// api.js: the page's only way to the server: the public /api/v1, like any other client.
//
// The session: the access token lives in this module's memory only (a script that reads
// storage never sees it, and a reload drops it); the refresh token is kept in localStorage,
// so a reload or a new tab stays signed in (see docs/web.md). A call that gets 401
// invalid_token / token_expired refreshes once (one refresh in flight, shared by every call
// that needs it; across tabs a Web Lock keeps two tabs from spending the same refresh token,
// which the server would take as theft and answer by revoking the whole login) and is retried
// once. When the refresh is refused the session ends and `events` says 'expired'.

const BASE = '/api/v1';
const RT_KEY = 'streamify.refresh_token';
const TIMEOUT_MS = 15000;

let access = null;	// the access token: memory only
let user = null;	// {id, username, email, join_date, is_admin}
let refreshing = null;	// the refresh in flight, shared

/** 'session' (signed in or out), 'expired' (the refresh was refused), 'down' / 'up' (the API). */
export const events = new EventTarget();

/** An API error: status (0 when the server could not be reached), code, message, fields, retryAfter (s). */
export class ApiError extends Error {
	constructor(status, body, retryAfter) {
		super(body && typeof body.message === 'string' ? body.message : `The server answered ${status}.`);
		this.status = status;
		this.code = (body && body.error) || 'error';
		this.fields = (body && body.fields) || null;
		this.retryAfter = retryAfter;
	}
}

function storedRefresh() {
	try {
		return localStorage.getItem(RT_KEY);
	} catch {
		return null;
	}
}

function storeRefresh(token) {
	try {
		if (token)
			localStorage.setItem(RT_KEY, token);
		else
			localStorage.removeItem(RT_KEY);
	} catch { /* storage off: the session lasts as long as the page */ }
}

export function currentUser() {
	return user;
}

/** Whether the page is signed in or can be (a refresh token is kept). */
export function signedIn() {
	return !!(user || storedRefresh());
}

/** Takes the login answer's data (login, register, refresh). */
function startSession(data) {
	const changed = !user || !data.user || user.id !== data.user.id;
	access = data.access_token;
	user = data.user || user;
	storeRefresh(data.refresh_token);
	if (changed)
		events.dispatchEvent(new Event('session'));
}

function endSession(why) {
	const had = !!user || !!access;
	access = null;
	user = null;
	storeRefresh(null);
	if (had || why === 'expired')
		events.dispatchEvent(new Event('session'));
	if (why === 'expired')
		events.dispatchEvent(new Event('expired'));
}

// Another tab signed out (or in): follow it.
window.addEventListener('storage', (e) => {
	if (e.key !== RT_KEY)
		return;
	if (!e.newValue && user) {
		access = null;
		user = null;
		events.dispatchEvent(new Event('session'));
	} else if (e.newValue && !user) {
		restore();
	}
});

async function send(path, { method = 'GET', body, token, signal, keepalive, headers = {} }) {
	const h = { Accept: 'application/json', ...headers };
	if (token)
		h.Authorization = `Bearer ${token}`;
	if (body !== undefined)
		h['Content-Type'] = 'application/json';
	const timeout = AbortSignal.timeout ? AbortSignal.timeout(TIMEOUT_MS) : undefined;
	const sig = signal && timeout && AbortSignal.any ? AbortSignal.any([signal, timeout]) : (signal || timeout);
	let res;
	try {
		res = await fetch(BASE + path, {
			method, headers: h, signal: sig, keepalive,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	} catch (e) {
		if (signal && signal.aborted)
			throw e;	// the view went away: nobody is waiting
		const err = new ApiError(0, { error: 'network', message: 'Streamify cannot be reached. Check your connection and retry.' });
		events.dispatchEvent(new CustomEvent('down', { detail: err }));
		throw err;
	}
	let json = null;
	if (res.status !== 204) {
		const text = await res.text();
		try {
			json = text ? JSON.parse(text) : null;
		} catch {
			json = null;
		}
	}
	return { res, json };
}

function retryAfterOf(res) {
	const v = res.headers.get('Retry-After');
	if (!v)
		return null;
	const n = Number(v);
	if (Number.isFinite(n))
		return Math.max(0, Math.round(n));
	const t = Date.parse(v);
	return Number.isNaN(t) ? null : Math.max(0, Math.round((t - Date.now()) / 1000));
}

/**
 * Refreshes the session once for every caller waiting on it. STALE is the access token a
 * call was refused with: when the session already moved on from it, there is nothing to do.
 * Resolves true when there is a fresh access token, false when the session is over.
 */
function refresh(stale) {
	if (access && access !== stale)
		return Promise.resolve(true);
	if (!refreshing) {
		const run = () => doRefresh();
		const p = navigator.locks ? navigator.locks.request('streamify-refresh', run) : run();
		refreshing = p.finally(() => { refreshing = null; });
	}
	return refreshing;
}

async function doRefresh() {
	const rt = storedRefresh();	// read under the lock: another tab may have rotated it
	if (!rt) {
		endSession(user ? 'expired' : 'none');
		return false;
	}
	const { res, json } = await send('/token/refresh', { method: 'POST', body: { refresh_token: rt } });
	if (res.ok && json && json.data) {
		startSession(json.data);
		return true;
	}
	if (res.status === 400 || res.status === 401) {
		// Mid-session, the user is told and asked to sign in again; on load (a refresh token
		// left from long ago) the page simply starts signed out.
		endSession(user ? 'expired' : 'none');
		return false;
	}
	// 429, 5xx: the session may still be good; say why, keep the refresh token.
	throw new ApiError(res.status, json, retryAfterOf(res));
}

/** On load: a kept refresh token becomes a session (one refresh). */
export async function restore() {
	if (!storedRefresh())
		return false;
	try {
		return await refresh(null);
	} catch {
		return false;	// the API is down: stay signed out until it answers
	}
}

/**
 * One API call. opts: method, body (JSON), auth (true: needs the session, 'opt': sends the
 * token when there is one), signal, keepalive, headers. Resolves to the parsed body (null for
 * 204); rejects with an ApiError.
 */
export async function api(path, opts = {}) {
	const { auth = false } = opts;
	if (auth && !access && storedRefresh()) {
		try {
			await refresh(null);
		} catch (e) {
			if (auth === true)
				throw e;
		}
	}
	if (auth === true && !access)
		throw new ApiError(401, { error: 'unauthorized', message: 'Sign in to see this.' });
	let token = auth ? access : null;
	let { res, json } = await send(path, { ...opts, token });
	if (res.status === 401 && token && json && /^(invalid_token|token_expired|unauthorized)$/.test(json.error || '')) {
		const fresh = await refresh(token);	// a failed refresh (API down) rejects as it is
		if (!fresh)
			throw new ApiError(401, { error: 'session_expired', message: 'Your session has ended. Please sign in again.' });
		token = access;
		({ res, json } = await send(path, { ...opts, token }));
	}
	if (res.status === 502 || res.status === 503 || res.status === 504)
		events.dispatchEvent(new CustomEvent('down', { detail: new ApiError(res.status, json, retryAfterOf(res)) }));
	if (!res.ok)
		throw new ApiError(res.status, json, retryAfterOf(res));
	return json;
}

// ---- accounts ----

export async function login(username, password) {
	const r = await api('/login', { method: 'POST', body: { username, password } });
	startSession(r.data);
	return r.data.user;
}

export async function register(username, email, password) {
	const r = await api('/register', { method: 'POST', body: { username, email, password } });
	startSession(r.data);
	return r.data.user;
}

/** Ends the login on the server (access and refresh token), then here. */
export async function logout() {
	const rt = storedRefresh();
	try {
		if (access || rt)
			await api('/logout', { method: 'POST', auth: true, body: rt ? { refresh_token: rt } : {} });
	} finally {
		endSession('logout');
	}
}

/** The account is gone (deleted): forget the session without asking the server. */
export function forget() {
	endSession('logout');
}

export function updateUser(u) {
	if (u && user && u.id === user.id)
		user = { ...user, ...u };
}

// ---- a few shared reads ----

let genresCache = null;
let languagesCache = null;
/** The genre list, asked once per page load. */
export function genres(signal) {
	if (!genresCache)
		genresCache = api('/genres', { signal }).then((r) => r.results).catch((e) => { genresCache = null; throw e; });
	return genresCache;
}

/** The catalog's languages, [{code, movie_count}], most movies first; asked once a page load. */
export function languages(signal) {
	if (!languagesCache)
		languagesCache = api('/languages', { signal }).then((r) => r.results).catch((e) => { languagesCache = null; throw e; });
	return languagesCache;
}

/** The health answer: {ok, message}. Used by the banner when calls fail. */
export async function health() {
	try {
		const r = await fetch(`${BASE}/health`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
		let j = null;
		try {
			j = await r.json();
		} catch { /* nginx's own answer should be JSON; if not, the status says enough */ }
		if (r.ok && j && j.success)
			return { ok: true };
		const why = j && j.message ? j.message : `The service answered ${r.status}.`;
		return { ok: false, message: why, retryAfter: retryAfterOf(r) };
	} catch {
		return { ok: false, message: 'Streamify cannot be reached. Check your connection.' };
	}
}
