// 04-playback: without a subscription the player explains and links to the plans; subscribe
// there with the accepted test token; play: after 10 s of playback the position is stored
// (checked through the API); continue watching shows it; reopening resumes there; hide
// removes it from the row.
import { BASE, ok, is, api, newUser, openPage, noConsoleErrors, homeReady, screenshot, failShot, signIn, tokenOf, movieId, PHONE, widths } from '../lib.mjs';

export const title = 'subscribe, play, resume, hide';
const T = 'playback';

export async function run(browser) {
	const { ctx, page, errors, httpErrors } = await openPage(browser);
	try {
		const user = await newUser('play');
		await signIn(page, user);
		const id = await movieId('Heat');

		// ---- no subscription: 402 explained, a link to the plans ----
		await page.goto(`${BASE}/movie/${id}`);
		await page.click('#play');
		await page.waitForURL(`${BASE}/watch/${id}`);
		await page.waitForSelector('.paywall');
		ok(/needs a subscription/.test(await page.textContent('.paywall')), `${T}: without a subscription the player explains why`);
		ok(httpErrors.some((t) => / 402 /.test(t)), `${T}: (the API answered 402)`);
		await page.click('#see-plans');
		await page.waitForURL(`${BASE}/plans?next=${encodeURIComponent(`/watch/${id}`)}`);

		// ---- subscribe: a declined token first, then the accepted one ----
		await page.waitForSelector('.plan-cards');
		await page.click('label[for="plan-basic"]');
		ok(/tok_ok/.test(await page.textContent('#f-payment_token-hint')), `${T}: the token field explains the test tokens`);
		await page.fill('#f-payment_token', 'tok_declined');
		const [declined] = await Promise.all([
			page.waitForResponse((r) => r.url().endsWith('/api/v1/subscription') && r.request().method() === 'POST'),
			page.click('form.subscribe button[type=submit]'),
		]);
		is(declined.status(), 402, `${T}: tok_declined is declined`);
		const declinedMsg = (await declined.json()).message;
		await page.waitForSelector('.form-error p');
		is(await page.textContent('.form-error p'), declinedMsg, `${T}: the page shows the API's message`);
		await page.fill('#f-payment_token', 'tok_ok_visa');
		const [accepted] = await Promise.all([
			page.waitForResponse((r) => r.url().endsWith('/api/v1/subscription') && r.request().method() === 'POST'),
			page.click('form.subscribe button[type=submit]'),
		]);
		is(accepted.status(), 201, `${T}: tok_ok_visa subscribes`);
		await page.waitForSelector('.sub-status');
		ok(/Basic: active/.test(await page.textContent('.sub-status')), `${T}: the plans page shows the active subscription`);

		// ---- play; the position is saved every 10 s of playback ----
		await page.click('#continue-next');
		await page.waitForURL(`${BASE}/watch/${id}`);
		await page.waitForSelector('video.video');
		await page.waitForFunction(() => { const v = document.querySelector('video'); return v && v.currentTime > 0.5 && !v.paused; }, null, { timeout: 15000 });
		ok(true, `${T}: the video plays`);
		const put = await page.waitForRequest((r) => r.url().endsWith(`/api/v1/history/${id}`) && r.method() === 'PUT', { timeout: 20000 });
		const body = JSON.parse(put.postData());
		ok(body.progress >= 9 && body.progress <= 13, `${T}: after 10 s of playback the page reports the position (${body.progress} s)`);
		is(body.duration, 120, `${T}: with the player's duration`);
		await screenshot(page, 'player-desktop');
		await page.setViewportSize(PHONE);
		await page.waitForTimeout(300);
		const [sw, iw] = await widths(page);
		ok(sw <= iw, `${T}: the player fits a phone (${sw} <= ${iw})`);
		await screenshot(page, 'player-phone');
		await page.setViewportSize({ width: 1280, height: 800 });
		// Pause: reported at once.
		await page.waitForTimeout(1500);
		const [paused] = await Promise.all([
			page.waitForRequest((r) => r.url().endsWith(`/api/v1/history/${id}`) && r.method() === 'PUT'),
			page.evaluate(() => document.querySelector('video').pause()),
		]);
		const pos = JSON.parse(paused.postData()).progress;
		const resp = await paused.response();
		is(resp.status(), 200, `${T}: pausing reports the position (${pos} s)`);
		const token = await tokenOf(user);
		const cw = await api('GET', '/api/continue-watching', { token });
		const entry = cw.json.results.find((m) => m.id === id);
		ok(entry && entry.progress === pos, `${T}: the API stored ${pos} s for Heat`, JSON.stringify(entry));

		// ---- continue watching on the home page ----
		await page.click('nav.nav a[href="/"]');
		await homeReady(page);
		const card = `#row-continue .card[data-id="${id}"]`;
		ok(await page.$(card) !== null, `${T}: Continue watching shows Heat`);
		const bar = await page.$eval(`${card} .bar-fill`, (e) => e.style.width);
		ok(parseFloat(bar) > 5, `${T}: with a position bar (${bar})`);
		ok((await page.textContent(`${card} .card-note`)).includes(`Resume at 0:${String(pos).padStart(2, '0')}`), `${T}: and where it resumes`);

		// ---- reopening resumes there ----
		await page.click(`${card} .card-link`);
		await page.waitForURL(`${BASE}/watch/${id}`);
		await page.waitForFunction(() => { const v = document.querySelector('video'); return v && v.readyState >= 1 && v.currentTime > 0; }, null, { timeout: 15000 });
		const at = await page.evaluate(() => document.querySelector('video').currentTime);
		ok(at >= pos && at < pos + 4, `${T}: reopening resumes at ${pos} s (${at.toFixed(1)})`);
		ok((await page.textContent('.player-status')).startsWith('Resuming at'), `${T}: and says so`);
		// The movie page offers Resume at mm:ss.
		await page.click('a.back');
		await page.waitForURL(`${BASE}/movie/${id}`);
		await page.waitForSelector('#play');
		ok(/^Resume at 0:\d\d$/.test((await page.textContent('#play')).trim()), `${T}: the movie page offers Resume (${(await page.textContent('#play')).trim()})`);

		// ---- hide ----
		await page.click('nav.nav a[href="/"]');
		await homeReady(page);
		await page.waitForSelector(card);
		await Promise.all([
			page.waitForResponse((r) => r.url().endsWith(`/api/v1/continue-watching/${id}`) && r.request().method() === 'DELETE' && r.status() === 204),
			page.click(`${card} .card-action`),
		]);
		await page.waitForSelector(card, { state: 'detached' });
		await page.reload();
		await homeReady(page);
		ok(await page.$(card) === null, `${T}: Hide removes Heat from the row, after a reload too`);
		const cw2 = await api('GET', '/api/continue-watching', { token });
		ok(!cw2.json.results.some((m) => m.id === id), `${T}: the API hides it`);
		noConsoleErrors(errors, T);
	} catch (e) {
		await failShot(page, `04-${T}`);
		throw e;
	} finally {
		await ctx.close();
	}
}
