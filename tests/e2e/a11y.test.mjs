// Accessibility scans with axe-core (WCAG 2.2 AA and axe's best practices)
// of the trainer's page, the embedding guide and the checker's panel, in the
// states a person meets them in; and screenshots saved under test-results/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { axe, caughtUp, frames, openReady, resultPath, useBrowser } from './helpers.mjs';

useBrowser();

const scans = [];
async function scan(page, what, context) {
  const result = await axe(page, context);
  scans.push(`${what}: ${result.violations.length} violations, ${result.passes} rules passed`);
  assert.deepEqual(result.violations, [], what);
}

test('axe-core finds no violations on the trainer’s page, in every state', async () => {
  const { context, page, problems } = await openReady('/', { viewport: { width: 1280, height: 900 } });
  try {
    await scan(page, 'trainer page with the poor example');
    await page.locator('.cnc-why summary').first().click();
    await page.getByRole('button', { name: /^Dismiss “hostile”/ }).click();
    await page.locator('.cnc-dismissed summary').click();
    await scan(page, 'a “why” opened and a finding dismissed');
    await page.getByRole('button', { name: 'Improved', exact: true }).click();
    await caughtUp(page);
    await scan(page, 'the improved note, no findings');
    await page.selectOption('#example', 'blank');
    await page.locator('#note').pressSequentially('The SW visited. LAC review. Mum was hostile.');
    await page.fill('#event-at', '2026-11-23T10:00');
    await page.fill('#recorded-at', '2026-11-01T09:00');
    await page.getByRole('alert').getByText('context.recorded_at').waitFor();
    await page.setChecked('#equality-on', true);
    await scan(page, 'own note with a context error and the equality fields');
    await page.selectOption('#policy', './policies/liverpool.json');
    await page.waitForFunction(() => document.body.dataset.policy === './policies/liverpool.json');
    await scan(page, 'the Liverpool policy');
    await page.getByRole('button', { name: 'Print view' }).click();
    await scan(page, 'the print view');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('axe-core finds no violations on the embedding guide and in the widget', async () => {
  const { context, page, problems } = await openReady('/embed.html', { viewport: { width: 1280, height: 900 } });
  try {
    await scan(page, 'embedding guide');
    await scan(page, 'the widget’s panel alone', '#visit-checker');
    await page.locator('#visit-checker .cnc-why summary').first().click();
    await page.getByRole('button', { name: 'Replace “SW” with “social worker”' }).click();
    await page.getByRole('button', { name: /^Dismiss “hostile”/ }).click();
    await page.locator('#visit-checker .cnc-dismissed summary').click();
    await page.evaluate(() => { document.getElementById('visit-checker').dataset.eventAt = 'not a time'; });
    await page.locator('#visit-checker .cnc-context-error').waitFor();
    await scan(page, 'the widget after applying, dismissing and a context error', '#visit-form');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('axe-core finds no violations at 200% zoom and in forced-colours mode', async () => {
  for (const [what, options] of [
    ['200% zoom', { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 }],
    ['forced colours', { viewport: { width: 1280, height: 900 }, forcedColors: 'active' }],
  ]) {
    for (const url of ['/', '/embed.html']) {
      const { context, page, problems } = await openReady(url, options);
      try {
        await scan(page, `${url} at ${what}`);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }
  }
  console.log(scans.map((s) => `# axe: ${s}`).join('\n'));
});

test('screenshot of the page with the poor example note', async () => {
  const { context, page, problems } = await openReady('/', { viewport: { width: 1280, height: 900 } });
  try {
    await page.selectOption('#example', 'tyler-poor');
    await frames(page);
    const count = await page.evaluate(() => window.caseNoteChecker.lastReport.findings.length);
    assert.ok(count > 10, `the poor example has many findings (got ${count})`);
    assert.equal(await page.locator('.cnc-finding').count(), count);
    assert.match(await page.locator('.cnc-summary').innerText(), new RegExp(`^Note checker: ${count} findings`));
    assert.equal(await page.locator('.cnc-check--opinion .cnc-check-text').innerText(), 'Missing');
    assert.equal(await page.locator('.cnc-check--voice .cnc-check-text').innerText(), 'Missing');
    assert.match(await page.locator('.cnc-check--deadline').innerText(), /Overdue/);
    for (const [name, full] of [['page.png', true], ['trainer.png', false]]) {
      const file = resultPath(name);
      await page.screenshot({ path: file, fullPage: full });
      assert.ok(statSync(file).size > 10_000);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('screenshots of a rule’s explanation and of the print view', async () => {
  const { context, page, problems } = await openReady('/', { viewport: { width: 1280, height: 900 } });
  try {
    const card = page.locator('#rule-jargon');
    await card.scrollIntoViewIfNeeded();
    const explanation = resultPath('explanation.png');
    await card.screenshot({ path: explanation });
    assert.ok(statSync(explanation).size > 10_000);

    await page.getByRole('button', { name: 'Print view' }).click();
    await page.emulateMedia({ media: 'print' });
    const print = resultPath('print.png');
    await page.screenshot({ path: print, fullPage: true });
    assert.ok(statSync(print).size > 10_000);
    const pdf = resultPath('print.pdf');
    await page.pdf({ path: pdf, format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
    assert.ok(statSync(pdf).size > 10_000);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
