// The trainer's page (www/index.html) in headless Chromium: node --test tests/e2e/
//
// Compares the page's reports with the CLI's (target/debug/case-note-check
// must exist, built from the same source as www/pkg; `make e2e-test` builds
// both).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { CLI, CSP, ROOT, WWW, caughtUp, frames, load, newPage, openReady, useBrowser } from './helpers.mjs';

const env = useBrowser();

/** Empties the note (the page opens with an example in it) so a test can type its own. */
async function blankNote(page) {
  await page.selectOption('#example', 'blank');
  assert.equal(await page.locator('#note').inputValue(), '');
  await caughtUp(page);
}

test('typing a note flags "LAC" and its button selects exactly that text', async () => {
  const { context, page, problems } = await openReady();
  try {
    await blankNote(page);
    const typed = 'Zoë 😀 went to her LAC meeting.';
    const note = page.locator('#note');
    await note.pressSequentially(typed);
    assert.equal(await note.inputValue(), typed);
    await frames(page);
    const button = page.getByRole('button', { name: 'Select “LAC” in the note' });
    await button.waitFor();
    const finding = page.locator('.cnc-finding', { has: button });
    assert.match(await finding.innerText(), /warning/i);
    assert.match(await page.locator('.cnc-rule', { has: button }).locator('.cnc-rule-heading').innerText(), /Jargon/);
    assert.match(await finding.locator('.cnc-message').innerText(), /“LAC” is an acronym/);

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
      const stale = [...document.querySelectorAll('.cnc-locate')].find((b) => b.textContent.includes('“LAC”'));
      stale.click();
      return { start: t.selectionStart, text: t.value.substring(t.selectionStart, t.selectionEnd), value: t.value };
    });
    assert.equal(moved.text, 'LAC');
    assert.equal(moved.start, moved.value.indexOf('LAC'));
    assert.equal(moved.start, sel.start + 'Today '.length);

    // The live region reports the count once typing pauses.
    const count = await page.evaluate(() => window.caseNoteChecker.controller.findings().length);
    await page.waitForFunction((n) => document.querySelector('.cnc-live').textContent.startsWith(`${n} finding`), count);
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
    await blankNote(page);
    for (const [i, note] of notes.entries()) {
      assert.equal(cli[i].id, note.id);
      assert.ok(cli[i].report, `the CLI could not check ${note.id}: ${cli[i].error}`);
      const report = await page.evaluate(([text, ctx]) => window.caseNoteChecker.check(text, ctx), [note.text, note.context ?? null]);
      if (!isDeepStrictEqual(report, cli[i].report)) {
        assert.deepStrictEqual(report, cli[i].report, `report for ${note.id} differs between the page and ${path.relative(ROOT, CLI)} (${staleHint()})`);
      }

      // The same note typed into the page's form gives the same report, where
      // the form can hold the whole context: the form's equality fields, when
      // on, pass every area, so notes with some equality fields are skipped.
      // (With an event time and no recorded time the page counts from now,
      // which the CLI does not; none of these notes has that.)
      const ctx = note.context ?? {};
      if (ctx.equality || (ctx.event_at && !ctx.recorded_at)) continue;
      await page.fill('#note', note.text);
      await page.selectOption('#event', ctx.event ?? '');
      await page.fill('#event-at', ctx.event_at ?? '');
      await page.fill('#recorded-at', ctx.recorded_at ?? '');
      await page.fill('#child-name', ctx.child?.name ?? '');
      await page.fill('#child-age', ctx.child?.age_years == null ? '' : String(ctx.child.age_years));
      await page.setChecked('#equality-on', false);
      await caughtUp(page);
      const shown = await page.evaluate(() => window.caseNoteChecker.lastReport);
      assert.deepStrictEqual(shown, cli[i].report, `report shown for ${note.id} typed into the form`);
      assert.equal(await page.locator('.cnc-finding').count(), cli[i].report.findings.length);
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
    await note.press('Control+End');
    await note.pressSequentially(' LAC review and CIN plan.');
    // The shown report is the one for the final text (same wasm, so same key order).
    await page.waitForFunction(() => {
      const t = document.getElementById('note').value;
      const c = window.caseNoteChecker.controller;
      return JSON.stringify(c.report()) === JSON.stringify(c.check(t, c.context()));
    });
    await caughtUp(page);
    assert.equal(await page.locator('.cnc-panel--stale').count(), 0, 'the panel is no longer marked as updating');
    const last = await page.evaluate(() => {
      const c = window.caseNoteChecker.controller;
      const h = c.highlights().at(-1);
      return document.getElementById('note').value.slice(h.start, h.end);
    });
    assert.equal(last, 'CIN');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('no network request after the page has loaded', async () => {
  const { context, page, problems, requests } = await newPage();
  try {
    await load(page);
    const atLoad = requests.length;
    assert.ok(atLoad > 0);
    for (const r of requests) assert.ok(r.startsWith(`GET ${env.baseURL}/`), `only same-origin GETs at load, got ${r}`);

    // Everything a trainer does with a note, except switching policy.
    await page.getByRole('button', { name: 'Improved', exact: true }).click();
    await page.getByRole('button', { name: 'Poor', exact: true }).click();
    await page.getByRole('button', { name: /^Replace “SW” with/ }).first().click();
    await page.keyboard.press('Control+z');
    await page.getByRole('button', { name: /^Dismiss “hostile”/ }).click();
    await page.locator('.cnc-dismissed summary').click();
    await page.getByRole('button', { name: /^Restore “hostile”/ }).click();
    await page.locator('.cnc-why summary').first().click();
    await blankNote(page);
    await page.locator('#note').pressSequentially('SW visited. LAC review held, mum was non-compliant. ');
    await page.getByRole('button', { name: 'Select “SW” in the note' }).click();
    await page.evaluate(() => window.caseNoteChecker.check('Another note about CIN.', { event: 'high_risk' }));
    await page.selectOption('#event', 'statutory_visit');
    await page.fill('#event-at', '2026-11-23T10:00');
    await page.fill('#recorded-at', '2026-11-24T09:00');
    await page.fill('#child-name', 'Jayden Smith');
    await page.fill('#child-age', '9');
    await page.setChecked('#equality-on', true);
    await page.fill('#eq-language', 'Polish');
    // Loading an example over a typed note asks first.
    const dialog = new Promise((resolve) => page.once('dialog', (d) => d.accept().then(() => resolve(d.message()))));
    await page.selectOption('#example', 'ruby-baby');
    assert.match(await dialog, /Replace the note/);
    await caughtUp(page);
    assert.equal(await page.evaluate(() => window.caseNoteChecker.lastReport.child_voice.present), true);
    await page.getByRole('button', { name: 'Print view' }).click();
    await page.getByRole('button', { name: 'Back to the note' }).click();
    await page.getByRole('button', { name: 'Check the flagged example in the note (Jargon and acronyms)' }).click();
    await caughtUp(page);
    assert.deepEqual(requests.slice(atLoad), []);

    // Switching policy fetches the policy file from the page's own origin, once.
    await page.selectOption('#policy', './policies/liverpool.json');
    await page.waitForFunction(() => document.body.dataset.policy === './policies/liverpool.json');
    await page.selectOption('#policy', '');
    await page.waitForFunction(() => document.body.dataset.policy === 'builtin');
    await page.selectOption('#policy', './policies/liverpool.json');
    await page.waitForFunction(() => document.body.dataset.policy === './policies/liverpool.json');
    assert.deepEqual(requests.slice(atLoad), [`GET ${env.baseURL}/policies/liverpool.json`]);
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
    assert.match(types.get('/case-note-checker.js'), /^text\/javascript/);
    assert.match(types.get('/style.css'), /^text\/css/);
    assert.match(types.get('/case-note-checker.css'), /^text\/css/);

    await page.selectOption('#example', 'tyler-poor');
    await page.locator('#note').press('Control+End');
    await page.locator('#note').pressSequentially(' CIN plan reviewed.');
    await page.locator('.cnc-locate').first().click();
    await page.getByRole('button', { name: /^Replace “SW” with/ }).first().click();
    await page.getByRole('button', { name: /^Dismiss “IRO”/ }).click();
    await page.selectOption('#policy', './policies/liverpool.json');
    await page.waitForFunction(() => document.body.dataset.policy === './policies/liverpool.json');
    await page.getByRole('button', { name: 'Print view' }).click();
    await page.getByRole('button', { name: 'Back to the note' }).click();
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
  const { context, page, problems, requests } = await openReady();
  try {
    const atLoad = requests.length;
    await blankNote(page);
    const payload = '<img src=x onerror="window.__xss=1"> </textarea><script>window.__xss=2</script> LAC <b>SW</b> <svg onload="window.__xss=4">';
    // The child's name from the form reaches the page inside the checker's messages.
    const name = '<img/src=x/onerror=window.__xss=5>';
    await page.fill('#child-name', name);
    await page.fill('#note', payload);
    await page.locator('#note').pressSequentially(' <img src=y onerror="window.__xss=3">');
    const full = payload + ' <img src=y onerror="window.__xss=3">';
    assert.equal(await page.locator('#note').inputValue(), full);
    await page.getByRole('button', { name: 'Select “SW” in the note' }).waitFor();
    await caughtUp(page);
    // The print view and a dismissal show the same text.
    await page.getByRole('button', { name: /^Dismiss “LAC”/ }).click();
    await page.getByRole('button', { name: 'Print view' }).click();
    const result = await page.evaluate(() => ({
      xss: window.__xss,
      elements: document.querySelectorAll('main img, main script, main b, main svg, .cnc-panel textarea, .cnc-backdrop *:not(div):not(span):not(br), #print-view img, #print-view script, #print-view b').length,
      locate: [...document.querySelectorAll('.cnc-locate')].map((m) => m.textContent),
      flagged: window.caseNoteChecker.controller.findings().filter((f) => f.span).map((f) => `Select “${f.text}” in the note`),
      mirror: document.querySelector('.cnc-mirror').textContent,
      messages: [...document.querySelectorAll('.cnc-message')].map((m) => m.textContent),
      print: document.querySelector('.print-note').textContent,
    }));
    assert.equal(result.xss, undefined);
    assert.equal(result.elements, 0);
    assert.deepEqual(result.locate, result.flagged);
    assert.ok(result.flagged.includes('Select “SW” in the note'));
    assert.equal(result.mirror, full);
    assert.ok(result.print.startsWith(full.slice(0, 20)));
    assert.ok(result.messages.some((m) => m.includes(`Add ${name}'s own words`)), 'the name is shown literally in a message');
    assert.deepEqual(requests.slice(atLoad), [], 'no image was requested');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a bad context shows an error in the alert area and keeps the note', async () => {
  const { context, page, problems } = await openReady();
  try {
    await blankNote(page);
    const text = 'I visited Jayden at home. He told me, "I like my new school."';
    await page.locator('#note').pressSequentially(text);
    await page.fill('#event-at', '2026-11-23T10:00');
    await page.fill('#recorded-at', '2026-11-22T10:00');
    const alert = page.getByRole('alert');
    await alert.getByText('context.recorded_at').waitFor();
    assert.match(await alert.innerText(), /before context\.event_at/);
    assert.equal(await page.locator('#note').inputValue(), text);
    assert.equal(await page.locator('#recorded-at').getAttribute('aria-invalid'), 'true');
    // The note is still checked, without the field in error.
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
    await page.goto(env.baseURL + '/');
    await page.waitForFunction(() => document.body.dataset.checkerReady === 'false');
    assert.match(await page.locator('#load-notice').innerText(), /could not be loaded/);
    assert.ok(await page.locator('#load-notice').isVisible());
    assert.equal(await page.evaluate(() => window.caseNoteChecker), undefined);
    // The field is exactly as the page wrote it: no wrapper, class, style or description.
    assert.deepEqual(await page.evaluate(() => {
      const t = document.getElementById('note');
      return [t.parentElement.className, t.getAttribute('class'), t.getAttribute('style'), t.getAttribute('aria-describedby'), document.querySelectorAll('.cnc-backdrop').length];
    }), ['field', null, null, null, 0]);

    await page.selectOption('#example', 'blank');
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
    await page.selectOption('#example', 'tyler-poor');
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

test('the page opens with a poor note; the trainer switches to its improved version and back, edits kept', async () => {
  const { context, page, problems } = await openReady();
  try {
    const { EXAMPLES } = await import(new URL('../../www/examples.js', import.meta.url));
    const poor = EXAMPLES.find((e) => e.id === 'tyler-poor');
    const improved = EXAMPLES.find((e) => e.id === 'tyler-improved');
    const note = page.locator('#note');
    assert.equal(await note.inputValue(), poor.text);
    assert.equal(await page.locator('#event-at').inputValue(), poor.context.event_at);
    assert.equal(await page.getByRole('button', { name: 'Poor', exact: true }).getAttribute('aria-pressed'), 'true');
    const poorCount = await page.evaluate(() => window.caseNoteChecker.controller.findings().length);
    assert.ok(poorCount > 10, `the poor note has many findings (${poorCount})`);
    assert.equal(await page.locator('.cnc-check--opinion .cnc-check-text').innerText(), 'Missing');

    await page.getByRole('button', { name: 'Improved', exact: true }).click();
    assert.equal(await note.inputValue(), improved.text);
    assert.equal(await page.getByRole('button', { name: 'Improved', exact: true }).getAttribute('aria-pressed'), 'true');
    await caughtUp(page);
    assert.equal(await page.evaluate(() => window.caseNoteChecker.controller.findings().length), 0);
    // "Recorded (NN% sure) — counted as …: ‘…’": the judgement, how sure, and the cue behind it.
    assert.match(await page.locator('.cnc-check--opinion .cnc-check-text').innerText(), /^Recorded \(\d+% sure\) — counted as [a-z' ]+: ‘.+’$/);
    assert.match(await page.locator('.cnc-check--voice .cnc-check-text').innerText(), /^Recorded \(\d+% sure\) — counted as [a-z' ]+: ‘.+’$/);
    assert.match(await page.locator('.cnc-summary').innerText(), /no findings/);

    // Edit the improved note, go to the poor one and back: the edit is still there.
    await note.press('Control+End');
    await note.pressSequentially(' The LAC nurse visited.');
    await page.getByRole('button', { name: 'Poor', exact: true }).click();
    assert.equal(await note.inputValue(), poor.text);
    await page.getByRole('button', { name: 'Improved', exact: true }).click();
    assert.equal(await note.inputValue(), improved.text + ' The LAC nurse visited.');
    await caughtUp(page);
    assert.equal(await page.getByRole('button', { name: 'Select “LAC” in the note' }).count(), 1);
    assert.match(await page.locator('#example-about').innerText(), /edited/);
    await page.getByRole('button', { name: 'Undo my edits to this example' }).click();
    assert.equal(await note.inputValue(), improved.text);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the library has at least 8 examples covering every standard and deadline category, with event times', async () => {
  const { context, page, problems } = await openReady();
  try {
    const coverage = await page.evaluate(() => {
      const c = window.caseNoteChecker;
      const standards = new Set();
      const categories = new Set();
      const missingTimes = [];
      for (const e of c.examples) {
        const r = c.check(e.text, e.context);
        for (const f of r.findings) if (f.standard !== null) standards.add(f.standard);
        categories.add(r.deadline.category);
        if (!e.context.event_at || !e.context.recorded_at || !r.deadline.due) missingTimes.push(e.id);
      }
      const policyStandards = Object.keys(c.controller.policyInfo().standards).map(Number);
      return { n: c.examples.length, standards: [...standards].sort(), policyStandards: policyStandards.sort(), categories: [...categories].sort(), missingTimes };
    });
    assert.ok(coverage.n >= 8, `${coverage.n} examples`);
    assert.deepEqual(coverage.standards, coverage.policyStandards, 'every standard of the policy is flagged in some example');
    assert.deepEqual(coverage.categories, ['high_risk', 'other', 's47_strategy_significant', 'statutory_visit']);
    assert.deepEqual(coverage.missingTimes, []);
    // Every example is in the menu and in the library table, and loads from either.
    assert.equal(await page.locator('#example option').count(), coverage.n + 1);
    assert.equal(await page.locator('#library-body tr').count(), coverage.n);
    await page.getByRole('button', { name: 'Strategy discussion about Maisie (poor version)' }).click();
    await caughtUp(page);
    assert.equal(await page.locator('#example').inputValue(), 'maisie-poor');
    assert.equal(await page.evaluate(() => window.caseNoteChecker.lastReport.deadline.category), 's47_strategy_significant');
    assert.match(await page.locator('.cnc-check--deadline').innerText(), /S\.47 interview, strategy discussion outcome or significant event/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('each rule is explained from the checker’s own rule metadata', async () => {
  const { context, page, problems } = await openReady();
  try {
    const rules = await page.evaluate(() => window.caseNoteChecker.controller.policyInfo().rules);
    assert.ok(rules.length >= 7);
    for (const rule of rules) {
      const card = page.locator(`#rule-${rule.id}`);
      const text = await card.innerText();
      assert.equal(await card.locator('h3').innerText(), rule.title);
      for (const field of ['what', 'why', 'better_example', 'limits']) {
        assert.ok(text.includes(rule[field]), `${rule.id}: the card shows its ${field}`);
      }
      if (rule.standard_text) assert.equal(await card.locator('blockquote').innerText(), rule.standard_text);
      assert.ok(text.includes(rule.flagged_example.replace(/\s*\[event.*\]$/, '')), `${rule.id}: the card shows its flagged example`);
      // The flagged example, checked: the rule's own finding is marked in it.
      const marks = await card.locator('.example-flagged mark').allInnerTexts();
      const expected = await page.evaluate((r) => {
        const m = /^(.*?)\s*\[event (\S+), recorded (\S+)\]\s*$/s.exec(r.flagged_example);
        const [t, ctx] = m ? [m[1], { event_at: m[2], recorded_at: m[3] }] : [r.flagged_example, {}];
        return window.caseNoteChecker.check(t, ctx).findings.filter((f) => f.rule === r.id && f.span).map((f) => f.text);
      }, rule);
      assert.deepEqual(marks, expected, `${rule.id}: marks in the flagged example`);
    }
    // The panel's "why" is the rule's own text too, and links to its card.
    const why = page.locator('.cnc-why').first();
    await why.locator('summary').click();
    const ruleId = await why.getAttribute('data-cnc-why');
    const info = rules.find((r) => r.id === ruleId);
    assert.equal(await why.locator('.cnc-why-text').innerText(), info.why);
    await why.getByRole('link').click();
    await page.waitForFunction((id) => location.hash === `#rule-${id}`, ruleId);
    // A rule's example can be tried in the note.
    await page.locator(`#rule-${ruleId}`).getByRole('button', { name: /flagged example/ }).click();
    await caughtUp(page);
    assert.ok((await page.locator('#note').inputValue()).length > 0);
    assert.ok(await page.evaluate((id) => window.caseNoteChecker.lastReport.findings.some((f) => f.rule === id), ruleId));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the policy switcher loads the Liverpool policy and its rules and timescales apply', async () => {
  const { context, page, problems } = await openReady();
  try {
    const builtin = await page.evaluate(() => window.caseNoteChecker.lastReport.deadline.due);
    assert.equal(builtin, '2026-11-23T10:00'); // statutory visit: 72 hours
    await page.selectOption('#policy', './policies/liverpool.json');
    await page.waitForFunction(() => document.body.dataset.policy === './policies/liverpool.json');
    await caughtUp(page);
    assert.match(await page.locator('#policy-status').innerText(), /Liverpool/);
    assert.match(await page.locator('#rules-policy').innerText(), /Liverpool/);
    // Two working days from Friday 20 November: the end of Tuesday.
    assert.equal(await page.evaluate(() => window.caseNoteChecker.lastReport.deadline.due), '2026-11-24T23:59');
    assert.match(await page.locator('#rule-plain-english').innerText(), /Turned off in this policy/);
    assert.match(await page.locator('#rule-vague-language').innerText(), /Warning by default/);
    assert.match(await page.locator('.cnc-check--deadline').innerText(), /within 2 working days/);
    // The policy's own patterns are rules like the others: listed, explained
    // with their flagged example marked, and run on the note.
    const initials = page.locator('#rule-child-initials');
    assert.match(await initials.innerText(), /A child named by initials[\s\S]*Warning by default[\s\S]*\[A-Z\]/);
    assert.equal(await initials.locator('.example-mark').first().innerText(), 'J.S.');
    await page.locator('#note').fill('J.S. was quiet during the visit. Actions from LCS-104233 were agreed.');
    await caughtUp(page);
    const found = await page.evaluate(() => window.caseNoteChecker.lastReport.findings.filter((f) => f.span).map((f) => [f.rule, f.text]));
    assert.deepEqual(found.filter(([rule]) => rule === 'child-initials' || rule === 'system-codes'), [['child-initials', 'J.S.'], ['system-codes', 'LCS-104233']]);
    await page.selectOption('#policy', '');
    await page.waitForFunction(() => document.body.dataset.policy === 'builtin');
    await caughtUp(page);
    assert.equal(await page.evaluate(() => window.caseNoteChecker.lastReport.deadline.due), builtin);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the print view shows the note with its numbered findings, and only that is printed', async () => {
  const { context, page, problems } = await openReady();
  try {
    await page.getByRole('button', { name: /^Dismiss “IRO”/ }).click();
    const findings = await page.evaluate(() => window.caseNoteChecker.controller.findings());
    await page.getByRole('button', { name: 'Print view' }).click();
    const view = page.locator('#print-view');
    await view.waitFor();
    assert.ok(await page.evaluate(() => document.activeElement.id === 'print-heading'));
    assert.equal(await page.locator('#main').isVisible(), false);
    assert.equal(await view.locator('.print-finding').count(), findings.length);
    const note = await page.locator('#note').inputValue();
    const printed = await view.locator('.print-note').evaluate((n) => [...n.childNodes].filter((c) => !(c.nodeType === 1 && c.localName === 'sup')).map((c) => c.textContent).join(''));
    assert.equal(printed, note, 'the whole note is printed, word for word');
    assert.equal(await view.locator('.print-ref').count(), findings.filter((f) => f.span).length);
    assert.match(await view.innerText(), /Dismissed by the worker[\s\S]*“IRO”/);
    // Why each rule matters, once a rule, in the rule's own words.
    const whys = await view.locator('.print-why').allInnerTexts();
    const rules = await page.evaluate((fs) => [...new Set(fs.map((f) => f.rule))].map((id) => window.caseNoteChecker.controller.policyInfo().rules.find((r) => r.id === id).why), findings);
    assert.deepEqual(whys, rules);

    // Printing shows the print view alone, even from the normal view (Ctrl+P).
    await page.getByRole('button', { name: 'Back to the note' }).click();
    assert.ok(await page.locator('#main').isVisible());
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    assert.equal(await page.locator('#main').isVisible(), false);
    assert.ok(await page.locator('#print-view .print-note').isVisible());
    assert.equal(await page.locator('#print-view .print-actions').isVisible(), false);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
