// 06-cross-origin: a page served from the second origin the test stack allows
// (cors_origins) makes a signed-in call to the API that succeeds and can read its headers;
// from an origin that is not allowed the browser blocks the same call.
import http from 'node:http';
import { BASE, WEB_ORIGIN_PORT, ok, is, newUser, openPage, noConsoleErrors, failShot } from '../lib.mjs';

export const title = 'cross-origin pages';
const T = 'cross-origin';

/** A blank page on 127.0.0.1:PORT (0: any free port); resolves to {server, origin}. */
function blankSite(port) {
	return new Promise((resolve, reject) => {
		const server = http.createServer((req, res) => {
			res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
			res.end('<!doctype html><title>another site</title><p>another site</p>');
		});
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` }));
	});
}

/** In the page: a signed-in GET of BASE/api/profile; what the page's script can see of it. */
function callProfile(page, token) {
	return page.evaluate(async ([base, tok]) => {
		try {
			const r = await fetch(`${base}/api/profile`, { headers: { Authorization: `Bearer ${tok}` } });
			const j = await r.json();
			return { status: r.status, username: j.data && j.data.user.username, requestId: r.headers.get('X-Request-Id') };
		} catch (e) {
			return { error: String(e) };
		}
	}, [BASE, token]);
}

export async function run(browser) {
	if (!WEB_ORIGIN_PORT) {
		ok(true, `${T}: # SKIP no allowed second origin (STREAMIFY_TEST_WEB_ORIGIN_PORT)`);
		return;
	}
	const user = await newUser('cors');
	const allowed = await blankSite(WEB_ORIGIN_PORT);
	const other = await blankSite(0);
	const a = await openPage(browser);
	const b = await openPage(browser);
	try {
		await a.page.goto(allowed.origin + '/');
		const got = await callProfile(a.page, user.token);
		is(got.status, 200, `${T}: from the allowed origin a signed-in fetch of /api/profile succeeds`);
		is(got.username, user.username, `${T}: and reads the body`);
		ok(got.requestId && got.requestId.length > 0, `${T}: and the exposed X-Request-Id header`);
		noConsoleErrors(a.errors, `${T} (allowed origin)`);

		await b.page.goto(other.origin + '/');
		const blocked = await callProfile(b.page, user.token);
		ok(blocked.error && /TypeError|Failed to fetch/.test(blocked.error), `${T}: from another port (not allowed) the browser blocks it`, JSON.stringify(blocked));
		// The only console error there is the browser's own CORS report.
		ok(b.errors.some((t) => /blocked by CORS policy/.test(t)) && b.errors.every((t) => /CORS policy/.test(t)), `${T}: the browser says it was CORS`, b.errors.join('\n'));
	} catch (e) {
		await failShot(a.page, `06-${T}`);
		throw e;
	} finally {
		await a.ctx.close();
		await b.ctx.close();
		allowed.server.close();
		other.server.close();
	}
}
