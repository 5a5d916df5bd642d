// 07-phone: at 360x740 the home page (anonymous and signed in), a movie page, browse and
// search have no horizontal scrolling, and a row shows two cards (and a peek of the third).
import { BASE, PHONE, ok, is, newUser, openPage, noConsoleErrors, homeReady, screenshot, failShot, signIn, widths, movieId } from '../lib.mjs';

export const title = 'phone width';
const T = 'phone';

async function noSideways(page, what) {
	const [sw, iw] = await widths(page);
	return ok(sw <= iw, `${T}: ${what} has no horizontal scrolling (${sw} <= ${iw})`);
}

export async function run(browser) {
	const { ctx, page, errors } = await openPage(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
	try {
		await page.goto(BASE + '/');
		await homeReady(page);
		await noSideways(page, 'home');
		const fit = await page.$eval('#row-popular .row-track', (track) => {
			const card = track.querySelector('.card').getBoundingClientRect().width;
			return window.innerWidth / card;
		});
		ok(fit >= 2 && fit < 3, `${T}: a row shows two cards and a peek (${fit.toFixed(2)} card widths on screen)`);
		await screenshot(page, 'home-phone');

		const id = await movieId('The Godfather');
		await page.goto(`${BASE}/movie/${id}`);
		await page.waitForSelector('#row-similar .card-link');
		await noSideways(page, 'the movie page');
		const play = await page.$eval('#play', (b) => b.getBoundingClientRect().width);
		ok(play > 200, `${T}: Play is a full-width button (${Math.round(play)} px)`);
		await screenshot(page, 'movie-phone');

		await page.goto(`${BASE}/browse?genre=Comedy&sort=popularity_desc&page=2`);
		await page.waitForSelector('.results .grid .card-link');
		await noSideways(page, 'browse');
		const cols = await page.$$eval('.results .grid .card', (els) => {
			const top = (e) => Math.round(e.getBoundingClientRect().top);
			return els.filter((e) => top(e) === top(els[0])).length;
		});
		is(cols, 2, `${T}: the browse grid has two columns`);
		await screenshot(page, 'browse-phone');

		await page.goto(`${BASE}/search?q=star%20wars`);
		await page.waitForSelector('#search-results .card-link');
		await noSideways(page, 'search');

		// Signed in: the account menu and the personal rows fit too.
		const user = await newUser('phone');
		await signIn(page, user);
		await homeReady(page);
		await noSideways(page, 'the signed-in home');
		await page.click('#me-button');
		const menu = await page.$eval('#me-menu', (m) => { const r = m.getBoundingClientRect(); return [r.left, r.right]; });
		ok(menu[0] >= 0 && menu[1] <= 360, `${T}: the account menu stays on screen (${menu.map(Math.round).join('..')})`);
		await noSideways(page, 'the open account menu');
		await page.goto(`${BASE}/plans`);
		await page.waitForSelector('.plan-cards');
		await noSideways(page, 'plans');
		await page.goto(`${BASE}/account`);
		await page.waitForSelector('.account-body .panel h2');
		await noSideways(page, 'the account page');
		noConsoleErrors(errors, T);
	} catch (e) {
		await failShot(page, `07-${T}`);
		throw e;
	} finally {
		await ctx.close();
	}
}
