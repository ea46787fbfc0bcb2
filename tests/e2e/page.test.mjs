// End-to-end tests of the page in headless Chromium: node --test tests/e2e/
//
// Starts scripts/serve.mjs on a free port, drives /usr/bin/chromium with
// playwright-core (which never downloads a browser), and compares the page's
// reports with the CLI's (target/debug/case-note-check must exist, built
// from the same source as www/pkg).
//
// Overrides, all optional: CHROMIUM_PATH (the browser), CASE_NOTE_CHECK (the
// CLI binary), E2E_WWW_ROOT (the folder to serve instead of www/).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CLI = process.env.CASE_NOTE_CHECK || path.join(ROOT, 'target', 'debug', 'case-note-check');
const WWW = process.env.E2E_WWW_ROOT || 'www';

let server;
let baseURL;
let browser;

function startServer() {
  server = spawn(process.execPath, ['scripts/serve.mjs', '--port', '0', '--root', WWW], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve.mjs printed no address in 10 s:\n${out}${err}`)), 10_000);
    server.stderr.on('data', (d) => { err += d; });
    server.stdout.on('data', (d) => {
      out += d;
      const match = /^serving \S+ on (http:\/\/127\.0\.0\.1:(\d+))$/m.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.mjs exited with ${code}:\n${out}${err}`));
    });
  });
}

before(async () => {
  baseURL = await startServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

// If this process ends some other way, the server goes with it.
process.on('exit', () => server?.kill('SIGKILL'));

after(async () => {
  try {
    await browser?.close();
  } finally {
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
  }
});

/** A fresh page that records console errors, page errors and CSP violations. */
async function newPage(contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
  return { context, page, problems };
}

/**
 * Loads the page and waits until the checker is ready and loading is over:
 * Chromium asks for the favicon after the load event, at about the time the
 * checker becomes ready, so tests that count requests wait for the network
 * to go quiet too.
 */
async function load(page) {
  const response = await page.goto(baseURL + '/', { waitUntil: 'networkidle' });
  await page.waitForFunction(() => document.body.dataset.checkerReady === 'true');
  return response;
}

async function openReady(contextOptions) {
  const opened = await newPage(contextOptions);
  opened.response = await load(opened.page);
  return opened;
}

/** Resolves after the page has painted twice, so a check scheduled for the next frame has run. */
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

test('typing a note flags "LAC" and its button selects exactly that text', async () => {
  const { context, page, problems } = await openReady();
  try {
    const typed = 'Zoë 😀 went to her LAC meeting.';
    const note = page.locator('#note');
    await note.pressSequentially(typed);
    assert.equal(await note.inputValue(), typed);
    await frames(page);
    const button = page.getByRole('button', { name: 'Select “LAC” in the note' });
    await button.waitFor();
    const finding = page.locator('#findings > li', { has: button });
    assert.match(await finding.innerText(), /Warning/);
    assert.match(await finding.innerText(), /Jargon/);
    assert.equal(await finding.locator('mark').innerText(), 'LAC');

    // Click as a person does, holding the button down across a frame: the
    // textarea's blur must not redraw the list from under the pointer.
    await button.scrollIntoViewIfNeeded();
    const box = await button.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await frames(page);
    await page.mouse.up();
    const sel = await page.evaluate(() => {
      const t = document.getElementById('note');
      return { start: t.selectionStart, end: t.selectionEnd, text: t.value.substring(t.selectionStart, t.selectionEnd), focused: document.activeElement === t };
    });
    assert.equal(sel.text, 'LAC');
    assert.equal(sel.start, typed.indexOf('LAC')); // UTF-16: the emoji counts as two
    assert.equal(sel.end, sel.start + 3);
    assert.ok(sel.focused, 'the textarea has focus after selecting');

    // A click that lands before the list is redrawn after an edit still
    // selects the same words, where they are now.
    const moved = await page.evaluate(() => {
      const t = document.getElementById('note');
      t.setRangeText('Today ', 0, 0, 'end');
      t.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'Today ' }));
      const stale = [...document.querySelectorAll('#findings button')].find((b) => b.textContent.includes('“LAC”'));
      stale.click();
      return { start: t.selectionStart, text: t.value.substring(t.selectionStart, t.selectionEnd), value: t.value };
    });
    assert.equal(moved.text, 'LAC');
    assert.equal(moved.start, moved.value.indexOf('LAC'));
    assert.equal(moved.start, sel.start + 'Today '.length);

    // The live region reports the count once typing pauses.
    const count = await page.evaluate(() => window.caseNoteChecker.lastReport.findings.length);
    await page.waitForFunction((n) => document.getElementById('announcer').textContent === `${n} findings`, count);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

/** Why the page and the CLI may disagree: which build is older than the source. */
function staleHint() {
  const newest = ['src', 'data', 'policies'].filter((d) => existsSync(path.join(ROOT, d)))
    .flatMap((d) => readdirSync(path.join(ROOT, d), { recursive: true }).map((f) => path.join(ROOT, d, f)))
    .concat(path.join(ROOT, 'Cargo.toml'))
    .map((f) => ({ f, t: statSync(f).mtimeMs }))
    .reduce((a, b) => (b.t > a.t ? b : a));
  const wasm = path.resolve(ROOT, WWW, 'pkg', 'case_note_checker_bg.wasm');
  const older = [wasm, CLI].filter((f) => statSync(f).mtimeMs < newest.t).map((f) => path.relative(ROOT, f));
  const which = older.length ? `${older.join(' and ')} ${older.length > 1 ? 'are' : 'is'} older than ${path.relative(ROOT, newest.f)}` : 'both builds are newer than the source';
  return `${which}; \`make e2e-test\` rebuilds both`;
}

test("the page's reports equal the CLI's for the first 10 labelled notes", async () => {
  assert.ok(existsSync(CLI), `${CLI} is missing: build it first with \`cargo build --bin case-note-check\``);
  const notes = readFileSync(path.join(ROOT, 'tests/notes/labelled.jsonl'), 'utf8')
    .split('\n').filter((l) => l.trim()).slice(0, 10).map((l) => JSON.parse(l))
    .map(({ id, text, context }) => ({ id, text, context }));
  assert.equal(notes.length, 10);
  const dir = mkdtempSync(path.join(tmpdir(), 'case-note-e2e-'));
  let cli;
  try {
    const file = path.join(dir, 'notes.jsonl');
    writeFileSync(file, notes.map((n) => JSON.stringify(n)).join('\n') + '\n');
    cli = execFileSync(CLI, [file], { encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(cli.length, notes.length);

  const { context, page, problems } = await openReady();
  try {
    for (const [i, note] of notes.entries()) {
      assert.equal(cli[i].id, note.id);
      assert.ok(cli[i].report, `the CLI could not check ${note.id}: ${cli[i].error}`);
      const report = await page.evaluate(([text, ctx]) => window.caseNoteChecker.check(text, ctx), [note.text, note.context ?? null]);
      if (!isDeepStrictEqual(report, cli[i].report)) {
        assert.deepStrictEqual(report, cli[i].report, `report for ${note.id} differs between the page and ${path.relative(ROOT, CLI)} (${staleHint()})`);
      }

      // The same note typed into the page's form gives the same report, where
      // the form can hold the whole context (it has no equality fields).
      const ctx = note.context ?? {};
      if (ctx.equality) continue;
      await page.fill('#note', note.text);
      await page.selectOption('#event', ctx.event ?? '');
      await page.fill('#event-at', ctx.event_at ?? '');
      await page.fill('#recorded-at', ctx.recorded_at ?? '');
      await page.fill('#child-name', ctx.child?.name ?? '');
      await page.fill('#child-age', ctx.child?.age_years == null ? '' : String(ctx.child.age_years));
      await frames(page);
      const shown = await page.evaluate(() => window.caseNoteChecker.lastReport);
      assert.deepStrictEqual(shown, cli[i].report, `report shown for ${note.id} typed into the form`);
      assert.equal(await page.locator('#findings > li').count(), cli[i].report.findings.length);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a long note is checked less often but the results catch up with the text', async () => {
  const { context, page, problems } = await openReady();
  try {
    const { EXAMPLES } = await import(new URL('../../www/examples.js', import.meta.url));
    const long = Array(12).fill(EXAMPLES.map((e) => e.text).join('\n\n')).join('\n\n');
    await page.fill('#note', long);
    const note = page.locator('#note');
    await note.press('End');
    await note.pressSequentially(' LAC review and CIN plan.');
    // The shown report is the one for the final text (same wasm, so same key order).
    await page.waitForFunction(() => {
      const t = document.getElementById('note').value;
      return JSON.stringify(window.caseNoteChecker.lastReport) === JSON.stringify(window.caseNoteChecker.check(t));
    });
    assert.equal(await page.locator('#results').getAttribute('class'), 'results');
    const last = await page.locator('#findings > li').last().locator('mark').innerText();
    assert.equal(last, 'CIN');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('no network request after the page has loaded', async () => {
  const { context, page, problems } = await newPage();
  try {
    const requests = [];
    page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
    await load(page);
    const atLoad = requests.length;
    assert.ok(atLoad > 0);
    for (const r of requests) assert.ok(r.startsWith(`GET ${baseURL}/`), `only same-origin GETs at load, got ${r}`);

    await page.locator('#note').pressSequentially('SW visited. LAC review held, mum was non-compliant. ');
    await page.getByRole('button', { name: 'Select “SW” in the note' }).click();
    await page.evaluate(() => window.caseNoteChecker.check('Another note about CIN.', { event: 'high_risk' }));
    await page.selectOption('#event', 'statutory_visit');
    await page.fill('#event-at', '2026-11-23T10:00');
    await page.fill('#recorded-at', '2026-11-24T09:00');
    await page.fill('#child-name', 'Jayden Smith');
    await page.fill('#child-age', '9');
    // Loading an example over a typed note asks first.
    const dialog = new Promise((resolve) => page.once('dialog', (d) => d.accept().then(() => resolve(d.message()))));
    await page.selectOption('#example', 'baby');
    assert.match(await dialog, /Replace the note/);
    await frames(page);
    assert.equal(await page.evaluate(() => window.caseNoteChecker.lastReport.child_voice.present), true);
    assert.deepEqual(requests.slice(atLoad), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the CSP and security headers are sent and nothing violates the CSP', async () => {
  const { context, page, problems } = await newPage();
  try {
    const types = new Map();
    page.on('response', (r) => types.set(new URL(r.url()).pathname, r.headers()['content-type']));
    const response = await load(page);
    const headers = response.headers();
    assert.equal(headers['content-security-policy'], CSP);
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.equal(headers['referrer-policy'], 'no-referrer');
    assert.equal(headers['cross-origin-opener-policy'], 'same-origin');
    assert.match(headers['content-type'], /^text\/html/);
    assert.equal(types.get('/pkg/case_note_checker_bg.wasm'), 'application/wasm');
    assert.match(types.get('/app.js'), /^text\/javascript/);
    assert.match(types.get('/style.css'), /^text\/css/);

    await page.selectOption('#example', 'poor');
    await page.locator('#note').press('End');
    await page.locator('#note').pressSequentially(' CIN plan reviewed.');
    await page.locator('#findings button').first().click();
    await page.fill('#recorded-at', '2026-11-01T09:00'); // before the event: an error shown
    await page.locator('[role="alert"]').getByText('context.recorded_at').waitFor();
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(problems, []);

    // The listener does see violations: an inline script is blocked and reported.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.head.append(s);
    });
    await page.waitForFunction(() => window.__cspViolations.length > 0);
    assert.equal(await page.evaluate(() => window.__inline), undefined);
  } finally {
    await context.close();
  }
});

test('a note containing HTML is shown as text and runs nothing', async () => {
  const { context, page, problems } = await openReady();
  try {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const payload = '<img src=x onerror="window.__xss=1"> </textarea><script>window.__xss=2</script> LAC <b>SW</b>';
    // The child's name from the form reaches the page inside the checker's messages.
    const name = '<img/src=x/onerror=window.__xss=5>';
    await page.fill('#child-name', name);
    await page.fill('#note', payload);
    await page.locator('#note').pressSequentially(' <img src=y onerror="window.__xss=3">');
    const full = payload + ' <img src=y onerror="window.__xss=3">';
    assert.equal(await page.locator('#note').inputValue(), full);
    await page.getByRole('button', { name: 'Select “SW” in the note' }).waitFor();
    await frames(page);
    const result = await page.evaluate(() => ({
      xss: window.__xss,
      elements: document.querySelectorAll('main img, main script, main b, #findings textarea').length,
      marks: [...document.querySelectorAll('#findings mark')].map((m) => m.textContent),
      flagged: window.caseNoteChecker.lastReport.findings.filter((f) => f.span).map((f) => f.text),
      messages: [...document.querySelectorAll('#findings .message')].map((m) => m.textContent),
    }));
    assert.equal(result.xss, undefined);
    assert.equal(result.elements, 0);
    assert.deepEqual(result.marks, result.flagged);
    assert.ok(result.flagged.includes('SW'));
    assert.ok(result.messages.some((m) => m.includes(`Add ${name}'s own words`)), 'the name is shown literally in a message');
    assert.deepEqual(requests, [], 'no image was requested');

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a bad context shows an error in the alert area and keeps the note', async () => {
  const { context, page, problems } = await openReady();
  try {
    const text = 'I visited Jayden at home. He told me, "I like my new school."';
    await page.locator('#note').pressSequentially(text);
    await page.fill('#event-at', '2026-11-23T10:00');
    await page.fill('#recorded-at', '2026-11-22T10:00');
    const alert = page.getByRole('alert');
    await alert.getByText('context.recorded_at').waitFor();
    assert.match(await alert.innerText(), /before context\.event_at/);
    assert.equal(await page.locator('#note').inputValue(), text);
    assert.equal(await page.locator('#recorded-at').getAttribute('aria-invalid'), 'true');
    // The note is still checked (without the bad context).
    assert.equal(await page.evaluate(() => window.caseNoteChecker.lastReport.child_voice.present), true);
    await assert.rejects(page.evaluate(() => window.caseNoteChecker.check('x', { recorded_at: 'tomorrow' })), /context\.recorded_at/);

    // Fixing the time clears the error; typing still works.
    await page.fill('#recorded-at', '2026-11-23T15:00');
    await page.waitForFunction(() => document.getElementById('context-error').textContent === '');
    assert.equal(await page.locator('#recorded-at').getAttribute('aria-invalid'), null);
    assert.equal(await page.evaluate(() => window.caseNoteChecker.lastReport.deadline.status), 'on_time');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('with the wasm blocked the note can still be typed and submitted', async () => {
  const { context, page } = await newPage();
  try {
    await context.route('**/*.wasm', (route) => route.abort());
    await page.goto(baseURL + '/');
    await page.waitForFunction(() => document.body.dataset.checkerReady === 'false');
    assert.match(await page.locator('#load-notice').innerText(), /could not be loaded/);
    assert.ok(await page.locator('#load-notice').isVisible());
    assert.equal(await page.evaluate(() => window.caseNoteChecker), undefined);

    const typed = 'Zoë 😀 said she "loves" her nan & wants to stay; 50% better <b>now</b>.';
    const note = page.locator('#note');
    await note.pressSequentially(typed);
    assert.equal(await note.inputValue(), typed);
    const [request] = await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).pathname === '/submitted'),
      page.getByRole('button', { name: 'Submit note' }).click(),
    ]);
    assert.equal(request.method(), 'POST');
    const body = new URLSearchParams(request.postData());
    assert.equal(body.get('note'), typed);
  } finally {
    await context.close();
  }
});

test('the checker never blocks submitting the form', async () => {
  const { context, page, problems } = await openReady();
  try {
    await page.selectOption('#example', 'poor');
    const [request] = await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).pathname === '/submitted'),
      page.getByRole('button', { name: 'Submit note' }).click(),
    ]);
    const body = new URLSearchParams(request.postData());
    const expected = await page.locator('#note').inputValue();
    assert.equal(body.get('note'), expected.replace(/\r?\n/g, '\r\n'));
    assert.equal(body.get('event'), 'statutory_visit');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('axe-core finds no accessibility violations', async () => {
  const { context, page } = await openReady();
  try {
    // Evaluated over the DevTools protocol, which the page's CSP does not govern.
    await page.evaluate(readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    const scan = () => page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    });
    assert.deepEqual(await scan(), [], 'empty page');
    await page.selectOption('#example', 'poor');
    await page.fill('#recorded-at', '2026-11-01T09:00');
    await page.getByRole('alert').getByText('context.recorded_at').waitFor();
    assert.ok(await page.locator('#findings > li').count() > 5);
    assert.deepEqual(await scan(), [], 'poor note with findings and a context error');
  } finally {
    await context.close();
  }
});

test('screenshot of the page with the poor example note', async () => {
  const { context, page, problems } = await openReady({ viewport: { width: 1024, height: 900 }, locale: 'en-GB' });
  try {
    await page.selectOption('#example', 'poor');
    await frames(page);
    const count = await page.evaluate(() => window.caseNoteChecker.lastReport.findings.length);
    assert.ok(count > 10, `the poor example has many findings (got ${count})`);
    assert.equal(await page.locator('#findings > li').count(), count);
    assert.match(await page.locator('#summary').innerText(), new RegExp(`^${count} findings`));
    assert.equal(await page.locator('#glance-opinion').innerText(), 'No');
    assert.equal(await page.locator('#glance-voice').innerText(), 'No');
    assert.match(await page.locator('#glance-deadline').innerText(), /overdue/);
    const file = path.join(ROOT, 'test-results', 'page.png');
    mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(statSync(file).size > 10_000);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
