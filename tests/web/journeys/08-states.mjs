// 08-states: what the page does when the API fails or has no artwork. The failures are made
// with page.route (the test stack itself stays healthy): the database down (503 from
// /api/health, with its message) gives a banner that says why and a row with the message and
// Retry while the other rows still render; 429 says when to retry (Retry-After); the API
// unreachable says so; a poster that fails falls back to the title card; a poster that loads has
// alternative text. Also: the light theme and reduced motion.
import { BASE, ok, is, openPage, noConsoleErrors, homeReady, screenshot, failShot } from '../lib.mjs';

export const title = 'errors, states, artwork, themes';
const T = 'states';
const DOWN = 'The database is unreachable; retry in a moment.';

export async function run(browser) {
	const { ctx, page, errors } = await openPage(browser);
	try {
		// ---- the database is down: popular fails with 503, health says why ----
		await page.route('**/api/v1/movies/popular*', (r) => r.fulfill({ status: 503, headers: { 'Retry-After': '5' }, json: { success: false, error: 'unavailable', message: DOWN } }));
		await page.route('**/api/v1/health', (r) => r.fulfill({ status: 503, headers: { 'Retry-After': '5' }, json: { success: false, error: 'unavailable', message: DOWN } }));
		await page.goto(BASE + '/');
		await homeReady(page);
		await page.waitForSelector('#banner:not([hidden])');
		ok((await page.textContent('#banner')).includes(DOWN), `${T}: the banner says why the API is down (from /api/health)`, await page.textContent('#banner'));
		is(await page.textContent('#row-popular .error-msg'), DOWN, `${T}: the failed row shows the API's message`);
		ok(await page.$('#row-popular .error button') !== null, `${T}: with Retry`);
		ok(await page.$$eval('#row-added .card-link', (e) => e.length) > 0, `${T}: the other rows still render`);
		await screenshot(page, 'api-down-desktop');
		// Back up: Retry fills the row and the banner goes.
		await page.unroute('**/api/v1/movies/popular*');
		await page.unroute('**/api/v1/health');
		await page.click('#banner button');
		await page.waitForSelector('#banner', { state: 'hidden' });
		await page.waitForSelector('#row-popular .card-link');
		ok(true, `${T}: when the API is back, Retry brings the row and the banner goes`);

		// ---- 429: the time from Retry-After, Retry waits for it ----
		await page.route('**/api/v1/search*', (r) => r.fulfill({ status: 429, headers: { 'Retry-After': '7' }, json: { success: false, error: 'rate_limited', message: 'Too many requests; retry in a moment.' } }));
		await page.goto(`${BASE}/search?q=alien`);
		await page.waitForSelector('#search-results .error');
		const box = await page.textContent('#search-results .error');
		ok(box.includes('Too many requests; retry in a moment.') && /try again in [67] s/.test(box), `${T}: 429 shows the message and when to retry`, box);
		ok(await page.$eval('#search-results .error button', (b) => b.disabled), `${T}: Retry waits for Retry-After`);
		await page.unroute('**/api/v1/search*');

		// ---- the API cannot be reached at all ----
		await page.route('**/api/v1/**', (r) => r.abort('connectionrefused'));
		await page.goto(`${BASE}/browse?genre=Drama`);
		await page.waitForSelector('.results .error');
		ok(/cannot be reached/.test(await page.textContent('.results .error')), `${T}: an unreachable API is said so in the view`);
		await page.waitForSelector('#banner:not([hidden])');
		ok(/cannot be reached/.test(await page.textContent('#banner')), `${T}: and in the banner`);
		ok(await page.isVisible('#f-genre') && await page.isVisible('.top .search input'), `${T}: nothing else breaks (filters, search field)`);
		await page.unroute('**/api/v1/**');

		// ---- artwork: a poster that fails becomes the title card; one that loads has alt text ----
		const icon = await page.evaluate(() => new URL(document.querySelector('link[rel=icon]').href).pathname);
		await page.route('https://posters.example/**', (r) => r.abort());
		await page.route('**/api/v1/movies/popular*', async (r) => {
			const res = await r.fetch();
			const json = await res.json();
			json.results[0].poster_url = 'https://posters.example/broken.jpg';
			json.results[1].poster_url = BASE + icon;
			await r.fulfill({ response: res, json });
		});
		await page.goto(BASE + '/');
		await homeReady(page);
		await page.waitForFunction(() => !document.querySelector('#row-popular .card:nth-child(1) img'));
		ok(await page.$('#row-popular .card:nth-child(1) .tcard') !== null, `${T}: a poster that fails leaves the title card, no broken image`);
		const alt = await page.getAttribute('#row-popular .card:nth-child(2) img.poster', 'alt');
		ok(/^Poster of .+/.test(alt || ''), `${T}: a poster has alternative text (${alt})`);
		await page.unroute('**/api/v1/movies/popular*');
		noConsoleErrors(errors, T);
	} catch (e) {
		await failShot(page, `08-${T}`);
		throw e;
	} finally {
		await ctx.close();
	}

	// ---- light theme, reduced motion ----
	const light = await openPage(browser, { colorScheme: 'light', reducedMotion: 'reduce' });
	try {
		await light.page.route('**/api/v1/movies/popular*', async (r) => {
			await new Promise((res) => setTimeout(res, 2500));
			await r.continue();
		});
		await light.page.goto(BASE + '/');
		const anim = await light.page.waitForFunction(() => {
			const e = document.querySelector('#row-popular .skeleton .art');
			return e && getComputedStyle(e).animationName;
		}).then((hnd) => hnd.jsonValue());
		is(anim, 'none', `${T}: with prefers-reduced-motion the skeletons do not shimmer`);
		await homeReady(light.page);
		const bg = await light.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
		is(bg, 'rgb(247, 247, 249)', `${T}: prefers-color-scheme: light gives the light theme`);
		await screenshot(light.page, 'home-light-desktop');
		noConsoleErrors(light.errors, `${T} (light)`);
	} finally {
		await light.ctx.close();
	}
}
