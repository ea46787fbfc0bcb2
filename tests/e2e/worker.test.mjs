// Checking in a Web Worker (www/checker-worker.js, the page's side in
// www/checker/worker-client.js): the widget checks there when it can, drops
// replies for text that has changed since, and checks on the page's own
// thread when a worker cannot be had — a CSP that forbids workers, a
// browser without them, a worker script that fails.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertHighlightsAligned, caughtUp, CSP, load, newPage, openReady, useBrowser } from './helpers.mjs';

const env = useBrowser();
const EMBED = '/embed.html';
const NOTE = '#visit-note';

const checkingIn = (page, selector = '#visit-checker') => page.evaluate((s) => document.querySelector(s).controller.checkingIn, selector);

/** The shown report is the page's own check of the field's text now. */
async function assertCurrent(page) {
  await caughtUp(page, NOTE);
  assert.ok(await page.evaluate(() => {
    const c = document.getElementById('visit-checker').controller;
    return JSON.stringify(c.report()) === JSON.stringify(c.check(c.textarea.value, c.effectiveContext()));
  }), 'the report shown is the one for the text in the field');
}

test('the widget checks in a worker: typing gets reports from it, for exactly the text typed', async () => {
  const { context, page, problems } = await openReady(EMBED);
  try {
    await page.waitForFunction(() => document.getElementById('visit-checker').controller.checkingIn === 'worker');
    await page.evaluate(() => {
      window.__via = [];
      document.getElementById('visit-checker').addEventListener('case-note-checker:checked', (e) => window.__via.push(e.detail.via));
    });
    const note = page.locator(NOTE);
    await note.press('Control+End');
    await note.pressSequentially(' The IRO and the HV were told. Jayden said “I like my room”.', { delay: 5 });
    await assertCurrent(page);
    const via = await page.evaluate(() => window.__via);
    assert.ok(via.length > 0 && via.every((v) => v === 'worker'), `every check while typing was in the worker: ${via}`);
    const flagged = await page.evaluate(() => document.getElementById('visit-checker').findings().map((f) => f.text));
    assert.ok(flagged.includes('IRO') && flagged.includes('HV'));
    await assertHighlightsAligned(page, NOTE, { min: 3, label: 'worker' });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('replies for text that has changed are dropped: fast typing on a long note ends on the right report', async () => {
  const { context, page, problems } = await openReady(EMBED);
  try {
    await page.waitForFunction(() => document.getElementById('visit-checker').controller.checkingIn === 'worker');
    const { EXAMPLES } = await import(new URL('../../www/examples.js', import.meta.url));
    const long = Array.from({ length: 40 }, (_, i) => EXAMPLES[i % EXAMPLES.length].text).join('\n\n');
    await page.fill(NOTE, long);
    await caughtUp(page, NOTE);
    await page.evaluate(() => {
      window.__accepted = [];
      document.getElementById('visit-checker').addEventListener('case-note-checker:checked', (e) => window.__accepted.push(e.detail.text.length));
    });
    await page.locator(NOTE).press('Control+Home');
    await page.keyboard.type('SW LAC CIN ', { delay: 0 });
    await assertCurrent(page);
    const accepted = await page.evaluate(() => window.__accepted);
    const value = await page.locator(NOTE).inputValue();
    assert.equal(accepted.at(-1), value.length, 'the last report shown is for the final text');
    assert.ok(value.startsWith('SW LAC CIN '));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a CSP that forbids workers: the widget checks on the page’s thread, with the same findings', async () => {
  const { context, page, problems } = await newPage();
  try {
    const strict = `${CSP}; worker-src 'none'`;
    await page.route('**/embed.html', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': strict } });
    });
    await load(page, EMBED);
    // Give a worker time to fail to start.
    await page.waitForTimeout(500);
    assert.equal(await checkingIn(page), 'page');
    const note = page.locator(NOTE);
    await note.press('Control+End');
    await note.pressSequentially(' The IRO was told.');
    await assertCurrent(page);
    assert.ok(await page.evaluate(() => document.getElementById('visit-checker').findings().some((f) => f.text === 'IRO')));
    const violations = await page.evaluate(() => window.__cspViolations);
    assert.ok(violations.some((v) => v.startsWith('worker-src')), `the worker was refused by the CSP: ${violations}`);
    assert.deepEqual(problems.filter((p) => !/worker|Content Security Policy/i.test(p)), []);
  } finally {
    await context.close();
  }
});

test('a browser without workers, or a worker script that fails, also falls back to the page’s thread', async () => {
  const noWorkers = await newPage();
  try {
    await noWorkers.page.addInitScript(() => { delete window.Worker; });
    await load(noWorkers.page, EMBED);
    await noWorkers.page.waitForTimeout(200);
    assert.equal(await checkingIn(noWorkers.page), 'page');
    await noWorkers.page.locator(NOTE).pressSequentially(' HV told.');
    await assertCurrent(noWorkers.page);
    assert.deepEqual(noWorkers.problems, []);
  } finally {
    await noWorkers.context.close();
  }
  const broken = await newPage();
  try {
    await broken.context.route('**/checker-worker.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: 'throw new Error("broken worker");' }));
    await load(broken.page, EMBED);
    await broken.page.waitForTimeout(500);
    assert.equal(await checkingIn(broken.page), 'page');
    await broken.page.locator(NOTE).pressSequentially(' HV told.');
    await assertCurrent(broken.page);
    assert.deepEqual(broken.problems.filter((p) => !/broken worker/.test(p)), []);
  } finally {
    await broken.context.close();
  }
});

test('the worker is asked nothing over the network: checking sends no request', async () => {
  const { context, page, problems, requests } = await openReady(EMBED);
  try {
    await page.waitForFunction(() => document.getElementById('visit-checker').controller.checkingIn === 'worker');
    const atStart = requests.length;
    await page.locator(NOTE).pressSequentially(' LAC review. Mum was hostile.');
    await caughtUp(page, NOTE);
    assert.deepEqual(requests.slice(atStart), []);
    assert.ok(requests.some((r) => r.endsWith('/checker-worker.js')), 'the worker came from the site itself');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
