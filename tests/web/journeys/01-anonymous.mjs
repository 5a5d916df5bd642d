// 01-anonymous: a visitor who is not signed in. Home rows render (one API call per row at
// most); browse with a genre, a sort and page 2, then Back restores the previous view; search
// "godfater" finds The Godfather, reached with the keyboard; its page; a similar movie's link.
import { BASE, ok, is, openPage, noConsoleErrors, homeReady, screenshot, failShot } from '../lib.mjs';

export const title = 'anonymous visitor';
const T = 'anonymous';

export async function run(browser) {
	const { ctx, page, errors } = await openPage(browser);
	try {
		// ---- home ----
		const calls = [];
		page.on('request', (r) => {
			if (r.url().includes('/api/'))
				calls.push(new URL(r.url()).pathname + new URL(r.url()).search);
		});
		const res = await page.goto(BASE + '/');
		is(res.status(), 200, `${T}: / answers 200`);
		ok(/script-src 'self'/.test(res.headers()['content-security-policy'] || ''), `${T}: the page is served with its CSP`);
		const ms = await homeReady(page);
		ok(ms < 5000, `${T}: the home rows are rendered (${ms} ms)`);
		ok(await page.isVisible('.hero .hero-title a'), `${T}: the hero shows a movie`);
		const rows = await page.$$eval('.rows .row', (els) => els.map((e) => ({ id: e.id, title: e.querySelector('.row-title').textContent, cards: e.querySelectorAll('.card-link').length })));
		const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
		ok(byId['row-popular'] && byId['row-popular'].cards >= 10, `${T}: the Popular row has cards`, JSON.stringify(rows));
		ok(byId['row-added'] && byId['row-added'].cards >= 10, `${T}: the Recently added row has cards`, JSON.stringify(rows));
		const genreRows = rows.filter((r) => r.id.startsWith('row-genre-'));
		ok(genreRows.length >= 2 && genreRows.every((r) => r.cards > 0), `${T}: genre rows with cards (${genreRows.map((r) => r.title).join(', ')})`, JSON.stringify(rows));
		ok(!byId['row-continue'] && !byId['row-recs'], `${T}: no personal rows for a visitor`);
		ok(calls.length <= rows.length, `${T}: the home page made ${calls.length} API calls for ${rows.length} rows`, calls.join('\n'));
		ok(await page.$('footer a[href="/api/openapi.yaml"]') !== null, `${T}: the footer links to the API description`);
		// A card without a poster is a designed title card, never a broken image.
		const broken = await page.$$eval('img', (imgs) => imgs.filter((i) => i.complete && i.naturalWidth === 0).length);
		is(broken, 0, `${T}: no broken image`);
		ok(await page.$('#row-popular .card .tcard .tcard-title') !== null, `${T}: movies without a poster get a title card`);
		await screenshot(page, 'home-anonymous-desktop');

		// Rows scroll with the keyboard: ArrowRight moves the focus along the row.
		await page.focus('#row-popular .card-link');
		await page.keyboard.press('ArrowRight');
		const focusedIndex = await page.evaluate(() => [...document.querySelectorAll('#row-popular .card-link')].indexOf(document.activeElement));
		is(focusedIndex, 1, `${T}: ArrowRight moves to the next card of a row`);

		// ---- browse: a genre, a sort, page 2, Back ----
		await page.click('nav.nav a[href="/browse"]');
		await page.waitForURL(`${BASE}/browse`);
		await page.waitForSelector('#f-genre option[value="Comedy"]', { state: 'attached' });
		await page.selectOption('#f-genre', 'Comedy');
		await page.waitForURL(/\/browse\?genre=Comedy$/);
		await page.selectOption('#f-sort', 'popularity_desc');
		await page.waitForURL(/\/browse\?genre=Comedy&sort=popularity_desc$/);
		await page.waitForSelector('.results .grid .card-link');
		const page1 = await page.$$eval('.results .card-title', (els) => els.map((e) => e.textContent));
		const summary = await page.textContent('.summary');
		ok(/movies · Most popular/.test(summary), `${T}: browse says what it lists (${summary})`);
		await page.click('.pager a[rel=next]');
		await page.waitForURL(/\/browse\?genre=Comedy&sort=popularity_desc&page=2$/);
		await page.waitForSelector('.results .grid .card-link');
		const page2 = await page.$$eval('.results .card-title', (els) => els.map((e) => e.textContent));
		ok(page2.length > 0 && page2[0] !== page1[0], `${T}: page 2 shows other movies`, `${page1[0]} / ${page2[0]}`);
		ok((await page.textContent('.pager-info')).startsWith('Page 2 of'), `${T}: the pager says page 2`);
		await screenshot(page, 'browse-desktop');
		await page.goBack();
		await page.waitForURL(/\/browse\?genre=Comedy&sort=popularity_desc$/);
		await page.waitForSelector('.results .grid .card-link');
		const back = await page.$$eval('.results .card-title', (els) => els.map((e) => e.textContent));
		is(back.join('|'), page1.join('|'), `${T}: Back restores page 1 of Comedy by popularity`);
		is(await page.$eval('#f-genre', (s) => s.value), 'Comedy', `${T}: Back restores the genre filter`);
		is(await page.$eval('#f-sort', (s) => s.value), 'popularity_desc', `${T}: Back restores the sort`);
		await page.goBack();
		await page.waitForURL(/\/browse\?genre=Comedy$/);
		is(await page.$eval('#f-sort', (s) => s.value), 'rating_desc', `${T}: Back again restores the default sort`);

		// ---- search as you type, with the keyboard ----
		await page.click('#search-input');
		await page.keyboard.type('godfater', { delay: 60 });
		await page.waitForURL(/\/search\?q=godfater$/);
		await page.waitForSelector('#search-results .card-link');
		const titles = await page.$$eval('#search-results .card-title', (els) => els.map((e) => e.textContent));
		const at = titles.indexOf('The Godfather');
		ok(at >= 0, `${T}: "godfater" finds The Godfather`, titles.join(', '));
		// (Other tests of the stack add movies such as "The Godfather wgft...": it need not be first.)
		await page.keyboard.press('ArrowDown');
		const active = () => page.evaluate(() => document.activeElement && document.activeElement.closest('#search-results') ? document.activeElement.querySelector('.card-title').textContent : null);
		is(await active(), titles[0], `${T}: ArrowDown from the field goes to the first result`);
		for (let i = 0; i < at; i++)
			await page.keyboard.press('ArrowRight');
		is(await active(), 'The Godfather', `${T}: arrow keys move through the results`);
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/movie\/\d+$/);
		await page.waitForSelector('h1.movie-title');
		is(await page.textContent('h1.movie-title'), 'The Godfather', `${T}: Enter opens The Godfather`);
		ok(/1972/.test(await page.textContent('.movie-facts')) && /Crime/.test(await page.textContent('.movie-facts')), `${T}: the movie page has the year and genres`);
		ok(await page.$('.movie-facts a[href="/browse?genre=Crime"]') !== null, `${T}: genres link to browse`);
		ok(/8\.\d/.test(await page.textContent('.movie-score')) && /votes/.test(await page.textContent('.movie-score')), `${T}: the rating and votes are shown`);
		ok(/Play/.test(await page.textContent('#play')), `${T}: there is a Play button`);
		await page.waitForSelector('#row-similar .card-link');
		await screenshot(page, 'movie-desktop');

		// ---- a similar movie links to its page ----
		const sim = await page.$eval('#row-similar .card-link', (a) => ({ href: a.getAttribute('href'), title: a.querySelector('.card-title').textContent }));
		ok(/^\/movie\/\d+$/.test(sim.href), `${T}: a similar movie links to its page (${sim.href})`);
		await page.click('#row-similar .card-link');
		await page.waitForURL(BASE + sim.href);
		await page.waitForFunction((t) => document.querySelector('h1.movie-title') && document.querySelector('h1.movie-title').textContent === t, sim.title);
		ok(true, `${T}: the similar movie's page shows ${sim.title}`);
		ok((await page.title()).startsWith(sim.title), `${T}: the document title follows the view`);
		noConsoleErrors(errors, T);
	} catch (e) {
		await failShot(page, `01-${T}`);
		throw e;
	} finally {
		await ctx.close();
	}
}
