// The manager's audit report in headless Chromium: rendered by the CLI from
// the sample export (examples/sample-export.csv), and the prebuilt copy the
// trainer's page links (www/audit-sample.html). Each is screenshotted to
// test-results/, scanned with axe-core on screen, narrow and in print, and
// must make no request beyond its own file: it has to open from a shared
// drive with no network. (tests/audit.rs checks the prebuilt copy is current.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { axe, CLI, ROOT, newPage, resultPath, useBrowser } from './helpers.mjs';

useBrowser();

const MAP = 'id=CaseNoteID,text=NoteBody,event=NoteType,event_at=EventDateTime,recorded_at=CreatedDateTime,team=TeamName,worker=CreatedBy';
const EVENT_MAP = 'Strategy Discussion=s47_strategy_significant,Case Note=other,Phone Call=other';

/** The sample's report, rendered now by the CLI under test. */
function renderSample(extra = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cnc-audit-'));
  const out = path.join(dir, 'audit.html');
  execFileSync(CLI, ['audit', 'examples/sample-export.csv', '--quiet', '--map', MAP, '--event-map', EVENT_MAP,
    '--out', out, ...extra], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return { dir, out };
}

async function scan(page, what) {
  const result = await axe(page);
  assert.deepEqual(result.violations, [], what);
  assert.ok(result.passes > 20, `${what}: axe ran (${result.passes} rules passed)`);
}

test('the audit report renders self-contained, axe-clean on screen, narrow and in print', async () => {
  const { dir, out } = renderSample(['--by-worker', '--include-excerpts']);
  const { context, page, problems, requests } = await newPage({ viewport: { width: 1280, height: 900 } });
  try {
    const url = pathToFileURL(out).href;
    await page.goto(url, { waitUntil: 'load' });
    assert.deepEqual(requests, [`GET ${url}`], 'nothing is fetched: no script, font, style or image from elsewhere');
    assert.deepEqual(problems, []);
    assert.match(await page.title(), /^Recording audit: /);
    // Every chart is inline SVG with a table of the same figures after it.
    const charts = await page.evaluate(() => [...document.querySelectorAll('figure .chart')].map((c) => ({
      label: document.getElementById(c.getAttribute('aria-labelledby'))?.textContent ?? '',
      svg: Boolean(c.querySelector('svg')),
      table: Boolean(c.closest('section').querySelector('table')),
      role: c.getAttribute('role'),
    })));
    assert.equal(charts.length, 4, 'teams, lateness, months and jargon');
    for (const c of charts) {
      assert.ok(c.svg && c.table && c.role === 'img' && c.label.includes('table'), JSON.stringify(c));
    }
    const notes = await page.locator('.cards dd').first().textContent();
    assert.match(notes, /^2,3\d\d/, 'the notes checked, as the JSON says');
    await page.screenshot({ path: resultPath('audit-report.png'), fullPage: true });
    await scan(page, 'the report on screen, with workers and excerpts');

    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling of the page on a phone (${overflow}px)`);
    await page.screenshot({ path: resultPath('audit-report-narrow.png'), fullPage: true });
    await scan(page, 'the report on a phone');

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ media: 'print' });
    const nav = await page.locator('nav').isVisible();
    assert.equal(nav, false, 'the section links are not printed');
    await page.screenshot({ path: resultPath('audit-report-print.png'), fullPage: true });
    await scan(page, 'the report in print');
    assert.ok(statSync(resultPath('audit-report.png')).size > 50_000);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the prebuilt sample report the trainer’s page links opens on its own and is axe-clean', async () => {
  // Opened as a file, as from a shared drive. (Served by scripts/serve.mjs,
  // the site's `style-src 'self'` would hold back its inline styles.)
  const { context, page, problems, requests } = await newPage({ viewport: { width: 1280, height: 900 } });
  try {
    const url = pathToFileURL(path.join(ROOT, 'www/audit-sample.html')).href;
    await page.goto(url, { waitUntil: 'load' });
    assert.deepEqual(requests, [`GET ${url}`]);
    assert.deepEqual(problems, []);
    const text = await page.locator('main').textContent();
    assert.ok(!/Aisha Rahman|Ben Carter/.test(text), 'the published sample names no worker');
    await page.screenshot({ path: resultPath('audit-sample.png'), fullPage: true });
    await scan(page, 'the prebuilt sample report');
  } finally {
    await context.close();
  }
});
