// The checker under heavy use: hundreds of rapid edits with undo and redo,
// pasting a megabyte, switching policy while typing — the textarea must hold
// exactly what was typed — and the time from a keystroke to updated
// highlights on a 1,000-word note (printed, not asserted).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertHighlightsAligned, caughtUp, openReady, useBrowser } from './helpers.mjs';

useBrowser();

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** About `words` words of the example notes, over several paragraphs. */
async function noteOf(words) {
  const { EXAMPLES } = await import(new URL('../../www/examples.js', import.meta.url));
  const parts = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const text = EXAMPLES[i % EXAMPLES.length].text;
    parts.push(text);
    count += text.split(/\s+/).length;
  }
  return parts.join('\n\n');
}

/** The report shown is the checker's report for the text now in the field. */
async function assertReportCurrent(page) {
  await caughtUp(page);
  const same = await page.evaluate(() => {
    const c = window.caseNoteChecker.controller;
    const ctx = c.effectiveContext();
    return JSON.stringify(c.report()) === JSON.stringify(c.check(document.getElementById('note').value, ctx));
  });
  assert.ok(same, 'the report shown is the one for the current text');
}

test('hundreds of rapid edits, then undo and redo, leave exactly what was typed', async () => {
  const { context, page, problems } = await openReady('/', { viewport: { width: 1280, height: 900 } });
  try {
    const rnd = random(20261123);
    const original = await noteOf(1000);
    await page.fill('#note', original);
    await caughtUp(page);
    const note = page.locator('#note');
    await note.focus();
    let expected = original;
    const words = ['LAC ', 'Zoë ', '😀', 'SW ', 'é', ' hostile', 'x', '\n', 'CIN plan ', 'ñ'];
    for (let op = 0; op < 300; op++) {
      const at = Math.floor(rnd() * (expected.length + 1));
      // Never put the caret inside a surrogate pair.
      const caret = at > 0 && at < expected.length && /[\uDC00-\uDFFF]/.test(expected[at]) ? at - 1 : at;
      await page.evaluate((p) => document.getElementById('note').setSelectionRange(p, p), caret);
      const kind = rnd();
      if (kind < 0.6) {
        const w = words[Math.floor(rnd() * words.length)];
        if (w === '\n') await page.keyboard.press('Enter');
        else await page.keyboard.type(w);
        expected = expected.slice(0, caret) + w + expected.slice(caret);
      } else if (kind < 0.85) {
        if (caret === 0) continue;
        await page.keyboard.press('Backspace');
        const n = /[\uDC00-\uDFFF]/.test(expected[caret - 1]) ? 2 : 1;
        expected = expected.slice(0, caret - n) + expected.slice(caret);
      } else {
        if (caret === expected.length) continue;
        await page.keyboard.press('Delete');
        const n = /[\uD800-\uDBFF]/.test(expected[caret]) ? 2 : 1;
        expected = expected.slice(0, caret) + expected.slice(caret + n);
      }
    }
    assert.equal(await note.inputValue(), expected, 'the field holds exactly what was typed');
    await assertReportCurrent(page);

    // Undo everything, then redo everything.
    // (Filling the note was itself an edit, so stop at the original note.)
    let undos = 0;
    while ((await note.inputValue()) !== original) {
      await page.keyboard.press('Control+z');
      assert.ok(++undos <= 600, 'undo gets back to the original note');
    }
    await assertReportCurrent(page);
    let redos = 0;
    while ((await note.inputValue()) !== expected) {
      await page.keyboard.press('Control+Shift+z');
      assert.ok(++redos <= undos, 'redo gets back to the edited note');
    }
    console.log(`# 300 random edits undone in ${undos} steps and redone in ${redos}`);
    assert.equal(await note.inputValue(), expected);

    // A suggestion applied among the edits is one more undoable step.
    await assertReportCurrent(page);
    const apply = page.locator('.cnc-apply').first();
    const label = await apply.getAttribute('aria-label');
    const [, from, to] = /^Replace “(.+)” with “(.+)”$/.exec(label);
    await apply.click();
    const applied = await note.inputValue();
    assert.notEqual(applied, expected);
    assert.equal(applied.length, expected.length - from.length + to.length);
    await page.keyboard.press('Control+z');
    assert.equal(await note.inputValue(), expected);
    await assertReportCurrent(page);
    await assertHighlightsAligned(page, '#note', { min: 3, label: 'after the edits' });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('pasting a megabyte and typing straight after keeps every character, and the checker catches up', async () => {
  const { context, page, problems } = await openReady('/', { viewport: { width: 1280, height: 900 } });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const chunk = await noteOf(1000);
    let big = '';
    while (big.length < 1_000_000) big += `${chunk}\n\nÜnïcödé 😀 note ${big.length}.\n\n`;
    const note = page.locator('#note');
    await page.selectOption('#example', 'blank');
    await note.pressSequentially('Start: SW visited. ');
    await page.evaluate((text) => navigator.clipboard.writeText(text), big);
    await note.focus();
    const started = Date.now();
    await page.keyboard.press('Control+v');
    const pastedAt = Date.now() - started;
    await note.pressSequentially(' Then the LAC review.');
    const typedAt = Date.now() - started - pastedAt;
    const expected = `Start: SW visited. ${big} Then the LAC review.`;
    assert.equal((await note.inputValue()).length, expected.length);
    assert.ok((await note.inputValue()) === expected, 'the field holds the paste and the typing, exactly');
    await caughtUp(page);
    const cost = await page.evaluate(() => window.caseNoteChecker.controller.lastCost);
    const stats = await page.evaluate(() => ({
      findings: window.caseNoteChecker.lastReport.findings.length,
      highlights: window.caseNoteChecker.controller.highlights().length,
      words: window.caseNoteChecker.lastReport.stats.words,
    }));
    console.log(`# 1 MB note (${expected.length} UTF-16 units, ${stats.words} words): one check takes ${cost.toFixed(0)} ms; ${stats.findings} findings, ${stats.highlights} underlined spans; pasting took ${pastedAt} ms and the 21 keystrokes after it ${typedAt} ms`);
    await assertReportCurrent(page);
    // The end of the note, where the typing went, is highlighted in place.
    await page.evaluate(() => { const t = document.getElementById('note'); t.scrollTop = t.scrollHeight; });
    await page.waitForFunction(() => {
      const t = document.getElementById('note');
      return t.scrollTop > 0 && t.parentElement.querySelector('.cnc-backdrop').scrollTop === t.scrollTop;
    });
    await assertHighlightsAligned(page, '#note', { min: 1, label: 'end of a 1 MB note' });
    assert.equal(await note.inputValue(), expected);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('switching policy in the middle of typing changes nothing that was typed', async () => {
  const { context, page, problems, requests } = await openReady('/');
  try {
    const note = page.locator('#note');
    await page.selectOption('#example', 'blank');
    const text = 'The SW visited Zoë 😀 at home for a stat visit. Mum presented as hostile. LAC review and CIN plan. The FRT will call. '.repeat(3);
    const typing = note.pressSequentially(text, { delay: 8 });
    const policies = ['./policies/liverpool.json', '', './policies/liverpool.json', '', './policies/liverpool.json'];
    for (const value of policies) {
      await page.waitForFunction((n) => document.getElementById('note').value.length >= n, Math.floor(text.length * (policies.indexOf(value) + 1) / (policies.length + 1)));
      // Change the menu as a person would, without taking focus from the note.
      await page.evaluate((v) => {
        const s = document.getElementById('policy');
        s.value = v;
        s.dispatchEvent(new Event('change', { bubbles: true }));
      }, value);
    }
    await typing;
    assert.equal(await note.inputValue(), text);
    await page.waitForFunction(() => document.body.dataset.policy === './policies/liverpool.json');
    await assertReportCurrent(page);
    // The Liverpool policy adds "FRT" to its jargon list.
    assert.ok(await page.evaluate(() => window.caseNoteChecker.lastReport.findings.some((f) => f.text === 'FRT')));
    assert.equal(requests.filter((r) => r.includes('liverpool.json')).length, 1, 'the policy is fetched once');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

test('time from a keystroke to updated highlights on a 1,000-word note', async () => {
  const { context, page, problems } = await openReady('/', { viewport: { width: 1280, height: 900 } });
  try {
    const text = await noteOf(1000);
    await page.fill('#note', text);
    await caughtUp(page);
    const words = await page.evaluate(() => window.caseNoteChecker.lastReport.stats.words);
    // Type in the middle, so every highlight after the caret moves.
    const middle = text.indexOf('\n\n', text.length / 2);
    await page.evaluate((p) => {
      const t = document.getElementById('note');
      t.focus();
      t.setSelectionRange(p, p);
      window.__lat = [];
      let down = null;
      t.addEventListener('keydown', (e) => { down = e.timeStamp; }, true);
      // Characters a keyboard cannot type arrive as input with no keydown.
      t.addEventListener('beforeinput', (e) => { down ??= e.timeStamp; }, true);
      window.caseNoteChecker.controller.addEventListener('checked', (e) => {
        if (down === null) return;
        const from = down;
        down = null;
        const checked = performance.now();
        // The check runs in a frame's animation callbacks; a message posted
        // now is handled once that frame's rendering (style, layout, paint)
        // is done.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const painted = performance.now();
          window.__lat.push({ checked: checked - from, painted: painted - from, cost: e.detail.cost });
        };
        channel.port2.postMessage(null);
      });
    }, middle);
    const keys = [...' The SW saw LAC review notes; hostile mum? No, dad. CIN plan agreed. Zoë said hi. IRO told, HV told, GP told.'];
    const n = 100;
    for (let i = 0; i < n; i++) {
      const before = await page.evaluate(() => window.__lat.length);
      await page.keyboard.type(keys[i % keys.length]);
      await page.waitForFunction((b) => window.__lat.length > b, before);
    }
    const samples = await page.evaluate(() => window.__lat);
    assert.equal(samples.length, n);
    const fmt = (k) => `p50 ${percentile(samples.map((s) => s[k]), 50).toFixed(1)} ms, p95 ${percentile(samples.map((s) => s[k]), 95).toFixed(1)} ms`;
    console.log(`# keystroke → highlights updated in the DOM, ${words}-word note, ${n} keystrokes: ${fmt('checked')}`);
    console.log(`# keystroke → that frame rendered (layout and paint done):         ${fmt('painted')}`);
    console.log(`# of which the check itself:                                      ${fmt('cost')}`);
    await assertReportCurrent(page);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
