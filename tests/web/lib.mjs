// lib.mjs: what the browser journeys share: the TAP output, Chromium, the test stack's API
// (for setting up users and checking what the page stored), the batch, and token minting.
import { execFile } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';

export const BASE = process.env.STREAMIFY_TEST_URL;
export const SRCDIR = process.env.STREAMIFY_TEST_SRCDIR || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const CONFIG = process.env.STREAMIFY_TEST_CONFIG;
export const VARDIR = process.env.STREAMIFY_TEST_VAR || '/tmp';
export const CHROMIUM = process.env.STREAMIFY_TEST_CHROMIUM || '/usr/bin/chromium';
export const WEB_ORIGIN_PORT = Number(process.env.STREAMIFY_TEST_WEB_ORIGIN_PORT || 0);
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

// ---- TAP ----

let count = 0;
let failed = 0;

/** Records one case: ok N - name, or not ok N - name with a diagnostic. Returns cond. */
export function ok(cond, name, diag) {
	count++;
	if (cond) {
		console.log(`ok ${count} - ${name}`);
	} else {
		failed++;
		console.log(`not ok ${count} - ${name}`);
		if (diag !== undefined)
			for (const line of String(diag).split('\n'))
				console.log(`# ${line}`);
	}
	return !!cond;
}

/** ok(got === want), with both in the diagnostic. */
export function is(got, want, name) {
	return ok(got === want, name, `got: ${JSON.stringify(got)}\nwant: ${JSON.stringify(want)}`);
}

export function diag(msg) {
	for (const line of String(msg).split('\n'))
		console.log(`# ${line}`);
}

export function plan() {
	console.log(`1..${count}`);
	return failed;
}

// ---- the API, from Node (setting up and checking, never instead of the page) ----

/** One API call: { status, headers, json }. */
export async function api(method, p, { token, body, headers = {} } = {}) {
	const h = { ...headers };
	if (token)
		h.Authorization = `Bearer ${token}`;
	if (body !== undefined)
		h['Content-Type'] = 'application/json';
	const res = await fetch(BASE + p, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	let json = null;
	try { json = JSON.parse(text); } catch { /* not JSON */ }
	return { status: res.status, headers: res.headers, json, text };
}

let serial = 0;
/** A unique name for this run and prefix. */
export function unique(prefix) {
	serial++;
	return `${prefix}${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}${serial}`;
}

export const PASSWORD = 'correct horse 1';

/** Registers a user through the API: { username, password, token, refresh, id }. */
export async function newUser(prefix = 'w') {
	const username = unique(prefix);
	const r = await api('POST', '/api/register', { body: { username, email: `${username}@example.com`, password: PASSWORD } });
	if (r.status !== 201)
		throw new Error(`register ${username}: ${r.status} ${r.text}`);
	const d = r.json.data;
	return { username, password: PASSWORD, token: d.access_token, refresh: d.refresh_token, id: d.user.id };
}

// ---- batch binaries ----

const run = promisify(execFile);

/** Runs batch/NAME with the test stack's config and ARGS; resolves to its stdout. */
export async function batch(name, ...args) {
	const { stdout } = await run(path.join(SRCDIR, 'batch', name), ['--config', CONFIG, ...args], { maxBuffer: 1 << 24 });
	return stdout;
}

/** A setting of the test stack's streamify.conf. */
export function setting(name) {
	const text = readFileSync(CONFIG, 'utf8');
	const m = text.match(new RegExp(`^${name}\\s*=\\s*(.*)$`, 'm'));
	return m ? m[1].trim() : undefined;
}

/**
 * An access token like TOKEN (same user, login and claims) that expired a minute ago,
 * signed with the stack's jwt_secret: the server refuses it as token_expired.
 */
export function expiredCopy(token) {
	const [, payload] = token.split('.');
	const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
	const now = Math.floor(Date.now() / 1000);
	claims.iat = now - 120;
	claims.exp = now - 60;
	claims.jti = randomBytes(12).toString('base64url');
	const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
	const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
	const sig = createHmac('sha256', Buffer.from(setting('jwt_secret'), 'hex')).update(`${head}.${body}`).digest('base64url');
	return `${head}.${body}.${sig}`;
}

// ---- Chromium ----

/** Chromium as root in a sandbox-less container, with nothing that calls out to the network. */
export async function launch() {
	const { chromium } = await import('playwright-core');
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync',
			'--disable-dev-shm-usage', '--autoplay-policy=no-user-gesture-required'],
	});
}

/**
 * Where screenshots go: the test stack's log/screenshots; with SCREENSHOTS=1 (./dev test
 * passes it on), docs/screenshots of the source tree, which the README shows. So a test run
 * leaves the tree as it was, and `SCREENSHOTS=1 ./dev test` renews the README's pictures.
 */
export const SHOTS = process.env.SCREENSHOTS === '1' ? path.join(SRCDIR, 'docs', 'screenshots')
	: path.join(VARDIR, 'log', 'screenshots');

/** A screenshot for the README: docs/screenshots/NAME.png. */
export async function screenshot(page, name) {
	mkdirSync(SHOTS, { recursive: true });
	await page.mouse.move(0, 0);	// no hover effect where the last click left the pointer
	await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** A screenshot of a failure, in the test stack's log directory. */
export async function failShot(page, name) {
	try {
		const dir = path.join(VARDIR, 'log', 'web');
		mkdirSync(dir, { recursive: true });
		const file = path.join(dir, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
		await page.screenshot({ path: file, fullPage: true });
		diag(`screenshot: ${file}`);
	} catch { /* the page may be gone */ }
}

// ---- pages ----

/**
 * A fresh browser context (DESKTOP unless options say otherwise) and a page that records
 * console errors: script errors and Content-Security-Policy violations go to `errors`.
 * Chromium also logs every HTTP error status a fetch got ("Failed to load resource: ... 402")
 * and every failed connection (net::ERR_...): those are the API's answers (or its absence),
 * which the page shows, so they go to `httpErrors` instead.
 */
export async function openPage(browser, options = {}) {
	// Dark is the page's own default; Playwright would otherwise emulate a light preference.
	const ctx = await browser.newContext({ viewport: DESKTOP, colorScheme: 'dark', ...options });
	const page = await ctx.newPage();
	const errors = [];
	const httpErrors = [];
	page.on('console', (m) => {
		if (m.type() !== 'error')
			return;
		const t = m.text();
		if (/^Failed to load resource: (the server responded with a status of \d+|net::ERR_)/.test(t))
			httpErrors.push(t);
		else
			errors.push(t);
	});
	page.on('pageerror', (e) => errors.push(String((e && e.stack) || e)));
	return { ctx, page, errors, httpErrors };
}

/** The case every journey ends with. */
export function noConsoleErrors(errors, name) {
	return ok(errors.length === 0, `${name}: no console errors (script errors, CSP violations)`, errors.join('\n'));
}

/** Waits until the home page has every row's cards (the page sets data-home-ready). */
export async function homeReady(page, timeout = 15000) {
	await page.waitForFunction(() => document.documentElement.dataset.homeReady !== undefined, null, { timeout });
	return Number(await page.evaluate(() => document.documentElement.dataset.homeReady));
}

/** Signs USER ({username, password}) in through the page's form, from /login?next=NEXT. */
export async function signIn(page, user, next = '/') {
	await page.goto(`${BASE}/login?next=${encodeURIComponent(next)}`);
	await page.fill('#f-username', user.username);
	await page.fill('#f-password', user.password);
	await Promise.all([
		page.waitForResponse((r) => /\/api\/v1\/login$/.test(r.url())),
		page.click('form button[type=submit]'),
	]);
	await page.waitForSelector('#me-button');
}

/** Whether the document scrolls sideways: [scrollWidth, innerWidth]. */
export async function widths(page) {
	return page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
}

/** A movie id by exact title, through the API's search. */
export async function movieId(title) {
	const r = await api('GET', `/api/search?q=${encodeURIComponent(title)}&per_page=10`);
	const m = r.json.results.find((x) => x.title === title);
	if (!m)
		throw new Error(`no movie titled ${title}`);
	return m.id;
}

/** Logs USER in through the API: its access token (for checking what the page stored). */
export async function tokenOf(user) {
	const r = await api('POST', '/api/login', { body: { username: user.username, password: user.password } });
	if (r.status !== 200)
		throw new Error(`login ${user.username}: ${r.status} ${r.text}`);
	return r.json.data.access_token;
}
