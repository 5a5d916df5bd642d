#!/usr/bin/env node
// bench/web-load.mjs: the web frontend's first load, measured in Chromium against a running
// stack (./dev run, or any deployment). A benchmark, not a test: it prints numbers.
//
//   node bench/web-load.mjs [BASE_URL] [--runs N] [--chromium PATH]
//   (default http://127.0.0.1:8080, 7 runs, /usr/bin/chromium; playwright-core comes from
//   tests/web/node_modules: run ./dev test once, or npm ci in tests/web)
//
// Each run is a fresh browser context (an empty cache, like a first visit) loading /. It
// reports, as the median of the runs:
// - bytes transferred for the load, compressed as they came over the wire (headers included),
//   split into the page's own files (HTML, CSS, JS, icon) and the API's JSON; posters (images
//   from other sites) aside;
// - the time from navigation start until every home row has its cards (the page sets the
//   performance mark streamify:home-rows when the last row is filled), and until the first
//   row has them;
// - the API calls the home page made, and the rows it rendered.
// Anonymous, then signed in: a user made for the bench (rated movies, a watchlist, one movie in
// progress) whose refresh token is put in localStorage before the page loads, as a reload of a
// signed-in page would find it.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
	const i = args.indexOf(name);
	if (i < 0)
		return dflt;
	const v = args[i + 1];
	args.splice(i, 2);
	return v;
};
const RUNS = Number(opt('--runs', 7));
const CHROMIUM = opt('--chromium', process.env.STREAMIFY_TEST_CHROMIUM || '/usr/bin/chromium');
const BASE = (args[0] || 'http://127.0.0.1:8080').replace(/\/$/, '');

const { chromium } = await import(path.join(here, '../tests/web/node_modules/playwright-core/index.mjs'));

async function api(method, p, { token, body } = {}) {
	const headers = {};
	if (token)
		headers.Authorization = `Bearer ${token}`;
	if (body !== undefined)
		headers['Content-Type'] = 'application/json';
	const r = await fetch(BASE + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await r.text();
	return { status: r.status, json: text ? JSON.parse(text) : null };
}

/** A user with something in every personal row. */
async function benchUser() {
	const username = `webbench${Date.now().toString(36)}`;
	const password = 'bench horse 12';
	const r = await api('POST', '/api/register', { body: { username, email: `${username}@example.com`, password } });
	if (r.status !== 201)
		throw new Error(`register: ${r.status} ${JSON.stringify(r.json)}`);
	const token = r.json.data.access_token;
	const pop = (await api('GET', '/api/movies/popular?limit=12')).json.results;
	for (const m of pop.slice(0, 5))
		await api('PUT', `/api/ratings/${m.id}`, { token, body: { score: 4.5 } });
	await api('POST', `/api/watchlist/${pop[6].id}`, { token });
	await api('PUT', `/api/history/${pop[7].id}`, { token, body: { progress: 40, duration: 120 } });
	return { username, password };
}

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function once(browser, user) {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
	if (user) {
		const login = await api('POST', '/api/login', { body: { username: user.username, password: user.password } });
		const rt = login.json.data.refresh_token;
		await ctx.addInitScript((t) => { localStorage.setItem('streamify.refresh_token', t); }, rt);
	}
	const page = await ctx.newPage();
	const cdp = await ctx.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	const reqs = new Map();
	cdp.on('Network.requestWillBeSent', (e) => reqs.set(e.requestId, { url: e.request.url, type: e.type, bytes: 0 }));
	cdp.on('Network.loadingFinished', (e) => {
		const r = reqs.get(e.requestId);
		if (r)
			r.bytes = e.encodedDataLength;
	});
	await page.goto(BASE + '/');
	await page.waitForFunction(() => document.documentElement.dataset.homeReady !== undefined, null, { timeout: 30000 });
	const t = await page.evaluate(() => {
		const mark = performance.getEntriesByName('streamify:home-rows')[0];
		return { rows: mark ? mark.startTime : NaN, count: document.querySelectorAll('.rows .row').length };
	});
	await page.waitForTimeout(300);	// let the last transfers report
	let own = 0, json = 0, posters = 0, calls = 0;
	const origin = new URL(BASE).origin;
	const apiCalls = [];
	for (const r of reqs.values()) {
		const u = new URL(r.url);
		if (u.origin !== origin) {
			posters += r.bytes;
			continue;
		}
		if (u.pathname.startsWith('/api/')) {
			json += r.bytes;
			calls++;
			apiCalls.push(u.pathname.replace(/^\/api\/v1/, '') + u.search);
		} else {
			own += r.bytes;
		}
	}
	await ctx.close();
	return { own, json, posters, calls, apiCalls, rowsMs: t.rows, rows: t.count };
}

async function series(browser, label, user) {
	const runs = [];
	await once(browser, user);	// a warm-up of the stack (its caches), not counted
	for (let i = 0; i < RUNS; i++)
		runs.push(await once(browser, user));
	const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
	const m = (k) => median(runs.map((r) => r[k]));
	console.log(`\n${label} (median of ${RUNS} cold loads of ${BASE}/)`);
	console.log(`  bytes transferred: ${kb(m('own') + m('json'))} = page files ${kb(m('own'))} + API JSON ${kb(m('json'))} (posters aside: ${kb(m('posters'))})`);
	console.log(`  home rows rendered: ${Math.round(m('rowsMs'))} ms after navigation start (min ${Math.round(Math.min(...runs.map((r) => r.rowsMs)))}, max ${Math.round(Math.max(...runs.map((r) => r.rowsMs)))})`);
	console.log(`  API calls: ${m('calls')} for ${m('rows')} rows: ${runs[0].apiCalls.join(' ')}`);
	return runs;
}

const browser = await chromium.launch({
	executablePath: CHROMIUM,
	headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
});
try {
	let rev = '';
	try {
		rev = execFileSync('git', ['-C', here, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
	} catch { /* not a checkout */ }
	console.log(`web-load: ${BASE}, ${new Date().toISOString()}${rev ? `, commit ${rev}` : ''}, ${browser.version()}`);
	await series(browser, 'Anonymous', null);
	await series(browser, 'Signed in', await benchUser());
} finally {
	await browser.close();
}
