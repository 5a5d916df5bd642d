#!/usr/bin/env node
// run.mjs: the browser journeys of the web frontend against the test stack, as TAP.
// Each journeys/NN-*.mjs exports `title` and `run(browser)`; each runs in a fresh browser
// context and records its own cases with ok()/is(). A journey that throws records one
// failing case with the error and a screenshot in the stack's log/web/.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { launch, ok, plan, diag } from './lib.mjs';

const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'journeys');
const only = process.argv[2];	// run.mjs 03 runs journeys/03-*.mjs alone
const files = readdirSync(dir).filter((f) => /^\d\d-.*\.mjs$/.test(f) && (!only || f.startsWith(only))).sort();

const browser = await launch();
let failures = 0;
try {
	for (const f of files) {
		const j = await import(path.join(dir, f));
		const t0 = Date.now();
		try {
			await j.run(browser);
		} catch (e) {
			failures++;
			ok(false, `${j.title}: finished without an error`, e && e.stack ? e.stack : String(e));
		}
		diag(`${f}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	}
} finally {
	await browser.close();
}
process.exitCode = plan() > 0 || failures > 0 ? 1 : 0;
