// 05-session: an access token that expires mid-session is refreshed without the user
// noticing (one refresh for all the calls that were refused at once); a reload stays signed in;
// logout ends the session on the server; a session revoked elsewhere ends here with a sign-in
// that comes back to the same view.
import { BASE, ok, is, api, newUser, expiredCopy, openPage, noConsoleErrors, homeReady, failShot, signIn, PASSWORD } from '../lib.mjs';

export const title = 'token refresh and logout';
const T = 'session';

// Playwright may report a response after the page has acted on it: give the count of list a
// moment to reach n (a count past n still fails the exact check that follows).
async function settled(list, n, ms = 5000) {
	for (const t0 = Date.now(); list.length < n && Date.now() - t0 < ms;)
		await new Promise((r) => setTimeout(r, 50));
	return list;
}

export async function run(browser) {
	const { ctx, page, errors } = await openPage(browser);
	try {
		const user = await newUser('ses');
		const refreshes = [];
		page.on('response', (r) => {
			if (r.url().endsWith('/api/v1/token/refresh'))
				refreshes.push(r.status());
		});

		// ---- the login answer's access token has expired by the time it is used ----
		// Once (times: 1): interception stops with the login, not while the refresh it leads
		// to is in flight (an unroute then can lose that request's events).
		await page.route('**/api/v1/login', async (route) => {
			const res = await route.fetch();
			const json = await res.json();
			json.data.access_token = expiredCopy(json.data.access_token);
			await route.fulfill({ response: res, json });
		}, { times: 1 });
		const refused = [];
		page.on('response', (r) => {
			if (r.status() === 401 && r.url().includes('/api/v1/') && !r.url().endsWith('/login'))
				refused.push(new URL(r.url()).pathname);
		});
		await signIn(page, user, '/account');
		await page.waitForURL(`${BASE}/account`);
		await page.waitForSelector('.account-body .panel h2');
		is(await page.textContent('.account-body .panel h2'), user.username, `${T}: the account view loaded with an expired access token`);
		ok(refused.includes('/api/v1/profile'), `${T}: (the server refused the expired token)`, refused.join(' '));
		is(JSON.stringify(await settled(refreshes, 1)), '[200]', `${T}: one /token/refresh, shared by every refused call, then the calls were retried`);
		ok(await page.$('.error') === null && !page.url().includes('/login'), `${T}: the user noticed nothing (no error, no sign-in)`);

		// ---- a reload stays signed in (the refresh token is kept) ----
		await page.reload();
		await page.waitForSelector('.account-body .panel h2');
		is(await page.textContent('.me-name'), user.username, `${T}: a reload stays signed in`);
		is((await settled(refreshes, 2)).length, 2, `${T}: (with one refresh)`);

		// ---- expired again mid-session: several calls at once, still one refresh ----
		await page.route('**/api/v1/token/refresh', async (route) => {
			const res = await route.fetch();
			const json = await res.json();
			if (json.data)
				json.data.access_token = expiredCopy(json.data.access_token);
			await route.fulfill({ response: res, json });
		}, { times: 1 });
		refused.length = 0;
		await page.goto(BASE + '/');
		await homeReady(page);
		ok(refused.includes('/api/v1/continue-watching') && refused.includes('/api/v1/recommendations'), `${T}: the home page's calls were refused together`, refused.join(' '));
		is((await settled(refreshes, 4)).length, 4, `${T}: and one refresh served them all (load + retry)`);
		ok(await page.$('#row-continue .error, .rec-rows .error') === null, `${T}: the personal rows loaded anyway`);

		// ---- logout ends the session, on the server too ----
		const kept = await page.evaluate(() => localStorage.getItem('streamify.refresh_token'));
		ok(kept && kept.length > 20, `${T}: the refresh token is kept in localStorage`);
		await page.click('#me-button');
		const [out] = await Promise.all([
			page.waitForResponse((r) => r.url().endsWith('/api/v1/logout')),
			page.click('#me-menu li.sep button'),
		]);
		is(out.status(), 204, `${T}: Sign out calls POST /logout`);
		await page.waitForSelector('#signin-link');
		is(await page.evaluate(() => localStorage.getItem('streamify.refresh_token')), null, `${T}: the page forgets the refresh token`);
		const after = await api('POST', '/api/token/refresh', { body: { refresh_token: kept } });
		is(after.status, 401, `${T}: the server refuses the refresh token after logout`);
		await page.reload();
		await page.waitForSelector('#signin-link');
		ok(true, `${T}: a reload after logout is signed out`);
		// A refresh token left from a session that is over: the page starts signed out, quietly.
		await page.evaluate((t) => localStorage.setItem('streamify.refresh_token', t), kept);
		await page.goto(BASE + '/');
		await homeReady(page);
		ok(page.url() === `${BASE}/` && await page.$('#signin-link') !== null, `${T}: a dead refresh token on load means signed out, on the same view`);
		is(await page.evaluate(() => localStorage.getItem('streamify.refresh_token')), null, `${T}: and it is dropped`);

		// ---- revoked elsewhere (password changed on another device): sign in, come back ----
		await signIn(page, user, '/');
		await homeReady(page);
		const other = await api('POST', '/api/login', { body: { username: user.username, password: PASSWORD } });
		const NEW = 'another horse 2';
		const patched = await api('PATCH', '/api/profile', { token: other.json.data.access_token, body: { password: NEW, current_password: PASSWORD } });
		is(patched.status, 200, `${T}: (the password changed on another device)`);
		await page.click('#me-button');
		await page.click('#me-menu a[href="/account"]');
		await page.waitForURL(`${BASE}/login?next=%2Faccount`);
		ok(true, `${T}: a session that cannot be refreshed goes to /login?next=/account`);
		await page.fill('#f-username', user.username);
		await page.fill('#f-password', NEW);
		await page.click('form button[type=submit]');
		await page.waitForURL(`${BASE}/account`);
		await page.waitForSelector('.account-body .panel h2');
		is(await page.textContent('.account-body .panel h2'), user.username, `${T}: signing in comes back to the account view`);
		noConsoleErrors(errors, T);
	} catch (e) {
		await failShot(page, `05-${T}`);
		throw e;
	} finally {
		await ctx.close();
	}
}
