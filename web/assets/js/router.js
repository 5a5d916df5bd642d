// router.js: every view has a URL. Links are ordinary <a href>; a click on one of the page's
// own links changes the address with history.pushState and renders the view; Back and
// Forward render the view of the address they land on, and put the scroll position back.

const routes = [];
let current = null;	// { controller, cleanups }
let notFound = null;
let renderCount = 0;

/** route('/movie/:id', view): view(ctx) renders into ctx.root; may return a promise. */
export function route(pattern, view) {
	const names = [];
	const re = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, n) => { names.push(n); return '([^/]+)'; })}/?$`);
	routes.push({ re, names, view });
}

export function fallback(view) {
	notFound = view;
}

/** Goes to URL (a path with query): pushes (or replaces) a history entry and renders. */
export function navigate(url, { replace = false, focus = false, keepFocus = false } = {}) {
	saveScroll();
	const state = { scroll: 0 };
	if (replace)
		history.replaceState(state, '', url);
	else
		history.pushState(state, '', url);
	return render({ focus, keepFocus, scroll: 0 });
}

/** Renders the current address again (after sign-in, or Retry). */
export function reload() {
	return render({ scroll: window.scrollY });
}

function saveScroll() {
	try {
		history.replaceState({ ...(history.state || {}), scroll: window.scrollY }, '');
	} catch { /* a state too large is not worth failing for */ }
}

/** The path and query of the current view, for ?next= links. */
export function here() {
	return location.pathname + location.search;
}

async function render({ focus = false, keepFocus = false, scroll = null } = {}) {
	const n = ++renderCount;
	if (current) {
		current.controller.abort();
		for (const f of current.cleanups)
			try { f(); } catch { /* a cleanup must not stop the next view */ }
	}
	const focusedId = keepFocus && document.activeElement ? document.activeElement.id : null;
	const controller = new AbortController();
	const cleanups = [];
	current = { controller, cleanups };
	const root = document.getElementById('app');
	root.replaceChildren();
	const path = decodeURI(location.pathname);
	let view = notFound, params = {};
	for (const r of routes) {
		const m = r.re.exec(path);
		if (m) {
			view = r.view;
			r.names.forEach((name, i) => { params[name] = m[i + 1]; });
			break;
		}
	}
	const ctx = {
		root,
		params,
		query: new URLSearchParams(location.search),
		signal: controller.signal,
		onLeave: (f) => cleanups.push(f),
		get current() { return n === renderCount; },
	};
	document.dispatchEvent(new CustomEvent('routechange', { detail: { path } }));
	if (focus) {
		// A link took us here: start reading at the new view.
		root.focus({ preventScroll: true });
	}
	if (scroll !== null)
		window.scrollTo(0, 0);
	try {
		await view(ctx);
	} catch (e) {
		if (!controller.signal.aborted)
			console.warn(e);	// views show their own errors; this is a bug
	}
	if (n !== renderCount)
		return;
	if (focusedId) {
		const el = document.getElementById(focusedId);
		if (el && document.activeElement !== el)
			el.focus({ preventScroll: true });
	}
	if (scroll)
		window.scrollTo(0, scroll);
}

/** Starts: renders the current address and takes over same-site links and Back/Forward. */
export function start() {
	history.scrollRestoration = 'manual';
	document.addEventListener('click', (e) => {
		if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
			return;
		const a = e.target.closest && e.target.closest('a[href]');
		if (!a || a.target || a.hasAttribute('download') || a.dataset.external !== undefined)
			return;
		const url = new URL(a.href, location.href);
		if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/media/'))
			return;
		e.preventDefault();
		if (url.pathname + url.search === here() && !url.hash)
			return void reload();
		navigate(url.pathname + url.search, { focus: true });
	});
	window.addEventListener('popstate', (e) => {
		render({ scroll: (e.state && e.state.scroll) || 0 });
	});
	window.addEventListener('pagehide', saveScroll);
	return render({ scroll: (history.state && history.state.scroll) || null });
}
