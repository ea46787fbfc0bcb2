// The npm package (make package): the tarball installs into an empty
// project with no network, resolves each of its exports, checks a note in
// Node, and runs the widget, in its worker, on a page in Chromium that
// loads it from node_modules.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, ROOT } from './helpers.mjs';

const scratch = mkdtempSync(path.join(tmpdir(), 'cnc-package-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function packAndInstall() {
  const out = execFileSync(process.execPath, ['scripts/package.mjs'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
  const tarball = out.at(-1);
  assert.ok(existsSync(tarball), `the tarball ${tarball} exists`);
  writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: scratch, stdio: 'pipe' });
  return tarball;
}

test('the tarball installs offline and every export resolves; the module checks a note in Node', () => {
  packAndInstall();
  const script = `
    import { readFile } from 'node:fs/promises';
    import { initSync, Checker, version } from 'case-note-checker';
    const parts = ['case-note-checker', 'case-note-checker/wasm', 'case-note-checker/worker', 'case-note-checker/widget',
      'case-note-checker/widget.css', 'case-note-checker/types', 'case-note-checker/policy.schema.json'];
    const resolved = Object.fromEntries(parts.map((p) => [p, import.meta.resolve(p)]));
    initSync({ module: await readFile(new URL(resolved['case-note-checker/wasm'])) });
    const report = new Checker().check('LAC review held. Mum was hostile.', { event: 'other' });
    let error = null;
    try { new Checker().check('x', { event_at: '2026-02-30T10:00' }); } catch (e) { error = { message: e.message, isError: e instanceof Error }; }
    console.log(JSON.stringify({ version: version(), resolved, flagged: report.findings.map((f) => f.text).filter(Boolean), kinds: report.findings.map((f) => f.kind), error }));
  `;
  writeFileSync(path.join(scratch, 'use.mjs'), script);
  const result = JSON.parse(execFileSync(process.execPath, ['use.mjs'], { cwd: scratch, encoding: 'utf8' }));
  assert.match(result.version, /^\d+\.\d+\.\d+/);
  const file = (p) => path.relative(path.join(scratch, 'node_modules', 'case-note-checker'), new URL(result.resolved[p]).pathname);
  assert.deepEqual(Object.keys(result.resolved).map(file), [
    'pkg/case_note_checker.js', 'pkg/case_note_checker_bg.wasm', 'checker-worker.js', 'case-note-checker.js',
    'case-note-checker.css', 'case-note-checker.d.ts', 'policy.schema.json',
  ]);
  assert.ok(result.flagged.includes('LAC review') || result.flagged.includes('LAC'), `flagged: ${result.flagged}`);
  assert.ok(result.kinds.every((k) => ['term', 'passage', 'missing', 'field-empty', 'late'].includes(k)));
  assert.ok(result.error?.isError && /event_at/.test(result.error.message));
  // The widget's own modules came with it.
  for (const f of ['checker/controller.js', 'checker/worker-client.js', 'pkg/case_note_checker.d.ts']) {
    assert.ok(existsSync(path.join(scratch, 'node_modules', 'case-note-checker', f)), `${f} is in the package`);
  }
});

test('a page loads the installed widget from node_modules and checks in its worker', async () => {
  if (!existsSync(path.join(scratch, 'node_modules', 'case-note-checker'))) packAndInstall();
  const base = './node_modules/case-note-checker/';
  writeFileSync(path.join(scratch, 'index.html'), `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Installed checker</title>
<link rel="stylesheet" href="${base}case-note-checker.css">
<script type="module" src="${base}case-note-checker.js"></script></head>
<body><main><form><label for="note">Note</label>
<select name="EventType" aria-label="Event"><option value="high_risk">High risk</option></select>
<textarea id="note" name="note">The SW visited. LAC review held.</textarea>
<case-note-checker for="note" fields="event=EventType"></case-note-checker></form></main></body></html>`);
  // (Chromium asks for the site's icon: an empty one, so no 404 is logged.)
  writeFileSync(path.join(scratch, 'favicon.ico'), '');
  const server = spawn(process.execPath, [path.join(ROOT, 'scripts/serve.mjs'), '--port', '0', '--root', scratch], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    server.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${url}/index.html`);
    await page.waitForFunction(() => document.querySelector('case-note-checker').dataset.cncState === 'ready');
    await page.waitForFunction(() => document.querySelector('case-note-checker').controller.checkingIn === 'worker');
    await page.locator('#note').press('End');
    await page.locator('#note').pressSequentially(' The IRO was told.');
    await page.waitForFunction(() => document.querySelector('case-note-checker').findings().some((f) => f.text === 'IRO'));
    const report = await page.evaluate(() => document.querySelector('case-note-checker').report());
    assert.equal(report.deadline.category, 'high_risk', 'the form’s field reached the checker');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
});
