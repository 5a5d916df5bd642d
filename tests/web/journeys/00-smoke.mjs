// 00-smoke: the page loads under its Content-Security-Policy and reaches the API.
import { BASE, DESKTOP, ok, is } from '../lib.mjs';

export const title = 'smoke';

export async function run(browser) {
	const ctx = await browser.newContext({ viewport: DESKTOP });
	const page = await ctx.newPage();
	const errors = [];
	page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
	page.on('pageerror', (e) => errors.push(String(e)));
	const res = await page.goto(BASE + '/');
	is(res.status(), 200, 'smoke: / answers 200');
	ok(/default-src 'self'/.test(res.headers()['content-security-policy'] || ''), 'smoke: the page has a CSP');
	await page.waitForFunction(() => document.body.innerText.includes('database'), null, { timeout: 10000 });
	ok(errors.length === 0, 'smoke: no console error', errors.join('\n'));
	await ctx.close();
}
