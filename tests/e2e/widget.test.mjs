// The embeddable checker (www/case-note-checker.js) in headless Chromium:
// the <case-note-checker> element on the embedding guide's demonstration form
// (www/embed.html), the trainer's page, and fields enhanced from script.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { assertHighlightsAligned, caughtUp, CSP, frames, load, newPage, openReady, resultPath, useBrowser } from './helpers.mjs';

const env = useBrowser();
const EMBED = '/embed.html';
const NOTE = '#visit-note';

/** A note with emoji (two and more UTF-16 units each), accented names and flagged words after them, over several lines. */
const UNICODE_NOTE = [
  'Zoë 😀 and Jürgen 👨‍👩‍👧 met the SW at the café. Siân said “I’m fine” 🙂 and Łukasz 🇵🇱 nodded.',
  'LAC review held; Noémie’s mum presented as hostile. 🎉🎉 IRO informed. Ðorđe (9) was non-compliant and',
  '',
  'Åsa’s CIN plan: 😀😀😀 contact with dad at the FC remains inconsistent; no concerns. Chloë kicked off.',
].join('\n');

test('highlights lie over the flagged words as a note with emoji and accented names is typed', async () => {
  const { context, page, problems } = await openReady(EMBED, { viewport: { width: 1200, height: 900 } });
  try {
    const note = page.locator(NOTE);
    await page.fill(NOTE, '');
    await note.pressSequentially(UNICODE_NOTE);
    assert.equal(await note.inputValue(), UNICODE_NOTE);
    await caughtUp(page, NOTE);
    const { highlights } = await assertHighlightsAligned(page, NOTE, { min: 8, label: 'embed form' });
    const flagged = await page.evaluate(() => document.getElementById('visit-checker').findings().filter((f) => f.span).map((f) => f.text));
    for (const word of ['SW', 'LAC review', 'presented as', 'hostile', 'IRO', 'non-compliant', 'CIN', 'kicked off']) {
      assert.ok(flagged.includes(word), `“${word}” is flagged`);
      assert.ok(highlights.some((h) => h.text === word || h.text.includes(word)), `“${word}” is highlighted`);
    }
    // The same on the trainer's page, whose field has other fonts and padding.
    const trainer = await newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await load(trainer.page);
      await trainer.page.selectOption('#example', 'blank');
      await trainer.page.locator('#note').pressSequentially(UNICODE_NOTE);
      await caughtUp(trainer.page);
      await assertHighlightsAligned(trainer.page, '#note', { min: 8, label: 'trainer page' });
      assert.deepEqual(trainer.problems, []);
    } finally {
      await trainer.context.close();
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('highlights stay aligned after scrolling a long note, resizing the field and right-to-left text', async () => {
  const { context, page, problems } = await openReady('/', { viewport: { width: 1280, height: 900 } });
  try {
    const { EXAMPLES } = await import(new URL('../../www/examples.js', import.meta.url));
    const poor = EXAMPLES.filter((e) => e.version === 'poor').map((e) => e.text);
    const long = Array.from({ length: 8 }, (_, i) => `${i + 1}. Ünïcödé 😀 ${poor[i % poor.length]}`).join('\n\n') + '\n';
    await page.fill('#note', long);
    await caughtUp(page);
    const scroll = await page.evaluate(() => {
      const t = document.getElementById('note');
      const cs = getComputedStyle(t);
      return { height: t.scrollHeight, client: t.clientHeight, bar: t.offsetWidth - t.clientWidth - parseFloat(cs.borderLeftWidth) - parseFloat(cs.borderRightWidth) };
    });
    assert.ok(scroll.height > 2 * scroll.client, 'the note is longer than the field');
    assert.ok(scroll.bar > 0, 'the field has a scrollbar, which the mirror makes room for');

    // Scroll with the mouse wheel, to the middle and to the end.
    const box = await page.locator('#note').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, scroll.height / 2);
    await page.waitForFunction(() => document.getElementById('note').scrollTop > 0);
    await frames(page);
    await assertHighlightsAligned(page, '#note', { min: 3, label: 'scrolled to the middle' });
    await page.mouse.wheel(0, scroll.height - scroll.client);
    await page.waitForFunction(() => {
      const t = document.getElementById('note');
      return Math.abs(t.scrollTop + t.clientHeight - t.scrollHeight) < 2;
    });
    await frames(page);
    await assertHighlightsAligned(page, '#note', { min: 3, label: 'scrolled to the end' });

    // Typing at the end of the scrolled note keeps everything in place.
    await page.locator('#note').press('Control+End');
    await page.locator('#note').pressSequentially('The SW saw Zoë 😀; LAC review booked.');
    await caughtUp(page);
    await assertHighlightsAligned(page, '#note', { min: 3, label: 'typed at the end' });

    // Narrower field: the text wraps differently, and the mirror with it.
    await page.evaluate(() => document.getElementById('note').style.setProperty('width', '71%'));
    await page.waitForFunction(() => {
      const t = document.getElementById('note');
      const b = t.parentElement.querySelector('.cnc-backdrop');
      return Math.abs(b.getBoundingClientRect().width - t.getBoundingClientRect().width) < 0.5;
    });
    await frames(page);
    await page.evaluate(() => { document.getElementById('note').scrollTop = 0; });
    await frames(page);
    await assertHighlightsAligned(page, '#note', { min: 3, label: 'narrower field' });

    // The page restyles the field through a class on an ancestor, which no
    // observer sees: the next keystroke brings the mirror back in line.
    await page.evaluate(() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('.large-print textarea { font-size: 21px; line-height: 1.7; letter-spacing: 0.3px; padding: 12px 18px; }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      document.getElementById('workspace').classList.add('large-print');
    });
    await page.locator('#note').press('End');
    await page.keyboard.type('!');
    await caughtUp(page);
    await frames(page);
    await assertHighlightsAligned(page, '#note', { min: 3, label: 'restyled by the page' });

    // Right-to-left text direction, set on the field after the checker started.
    await page.evaluate(() => {
      const t = document.getElementById('note');
      t.dir = 'rtl';
      t.style.setProperty('text-indent', '2em');
      t.style.setProperty('letter-spacing', '0.5px');
      t.style.setProperty('tab-size', '3');
    });
    await frames(page);
    await frames(page);
    await assertHighlightsAligned(page, '#note', { min: 3, label: 'rtl, indent, letter spacing' });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('at 200% zoom and at 320 px the page reflows and the highlights still line up', async () => {
  // 200% zoom of a 1280 × 900 window: 640 × 450 CSS pixels at twice the density.
  const zoomed = await openReady('/', { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
  try {
    const { page, problems } = zoomed;
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      width: document.documentElement.clientWidth,
      noteBottom: document.getElementById('note').getBoundingClientRect().bottom,
      guidanceTop: document.getElementById('results').getBoundingClientRect().top,
    }));
    assert.ok(layout.scrollWidth <= layout.width, `no sideways scrolling at 200% (${layout.scrollWidth} > ${layout.width})`);
    assert.ok(layout.guidanceTop > layout.noteBottom, 'the guidance moves below the note');
    await page.locator('#note').scrollIntoViewIfNeeded();
    await assertHighlightsAligned(page, '#note', { min: 5, label: '200% zoom' });
    await page.screenshot({ path: resultPath('trainer-zoom-200.png') });
    assert.deepEqual(problems, []);
  } finally {
    await zoomed.context.close();
  }
  for (const url of ['/', EMBED]) {
    const narrow = await openReady(url, { viewport: { width: 320, height: 640 } });
    try {
      const { scrollWidth, width } = await narrow.page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
      assert.ok(scrollWidth <= width, `${url}: no sideways scrolling at 320 px (${scrollWidth} > ${width})`);
      await narrow.page.locator(url === '/' ? '#note' : NOTE).scrollIntoViewIfNeeded();
      await assertHighlightsAligned(narrow.page, url === '/' ? '#note' : NOTE, { min: 2, label: `${url} at 320 px` });
      assert.deepEqual(narrow.problems, []);
    } finally {
      await narrow.context.close();
    }
  }
});

test('in forced-colours mode the field, the highlights and severities stay visible', async () => {
  const { context, page, problems } = await openReady('/', { viewport: { width: 1280, height: 900 }, forcedColors: 'active' });
  try {
    assert.ok(await page.evaluate(() => matchMedia('(forced-colors: active)').matches));
    const styles = await page.evaluate(() => {
      const t = document.getElementById('note');
      const b = t.parentElement.querySelector('.cnc-backdrop');
      const para = t.parentElement.querySelector('.cnc-para');
      const deco = (severity) => {
        const cs = getComputedStyle(para, `::highlight(cnc-${severity})`);
        return [cs.textDecorationLine, cs.textDecorationStyle, cs.textDecorationColor !== 'rgba(0, 0, 0, 0)'];
      };
      return {
        textarea: getComputedStyle(t).backgroundColor,
        textColour: getComputedStyle(t).color,
        backdrop: getComputedStyle(b).backgroundColor,
        error: deco('error'),
        warning: deco('warning'),
        advice: deco('advice'),
        severities: [...new Set(window.caseNoteChecker.controller.highlights().map((h) => h.severity))].sort(),
      };
    });
    assert.equal(styles.textarea, 'rgba(0, 0, 0, 0)', 'the field stays see-through so the highlights show');
    assert.notEqual(styles.backdrop, 'rgba(0, 0, 0, 0)', 'the mirror paints the field background');
    assert.notEqual(styles.textColour, styles.backdrop, 'the text contrasts with the field');
    // Each severity has its own underline style, not only its own colour.
    assert.deepEqual(styles.error, ['underline', 'wavy', true]);
    assert.deepEqual(styles.warning, ['underline', 'solid', true]);
    assert.deepEqual(styles.advice, ['underline', 'dotted', true]);
    assert.deepEqual(styles.severities, ['advice', 'warning']);
    // An error in the text (the late recording is note-wide).
    await page.selectOption('#example', 'ellie-poor');
    await caughtUp(page);
    assert.ok(await page.evaluate(() => window.caseNoteChecker.controller.highlights().some((h) => h.severity === 'error')));
    // Severity is written out in the panel, not only shown by colour.
    assert.match(await page.locator('.cnc-finding--error .cnc-severity').first().innerText(), /error/i);
    await assertHighlightsAligned(page, '#note', { min: 5, label: 'forced colours' });
    await page.screenshot({ path: resultPath('trainer-forced-colours.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('without the CSS Custom Highlight API the checker draws its highlights with spans, just as aligned', async () => {
  const { context, page, problems } = await newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.addInitScript(() => { delete window.Highlight; });
    await load(page);
    assert.equal(await page.evaluate(() => typeof window.Highlight), 'undefined');
    assert.ok(await page.locator('#note').evaluate((t) => t.parentElement.querySelectorAll('.cnc-hl').length > 10));
    await page.selectOption('#example', 'blank');
    await page.locator('#note').pressSequentially(UNICODE_NOTE);
    await caughtUp(page);
    await assertHighlightsAligned(page, '#note', { min: 8, label: 'spans' });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('apply a suggestion, undo it, dismiss a finding, edit the note: the dismissal holds', async () => {
  const { context, page, problems } = await openReady(EMBED);
  try {
    const note = page.locator(NOTE);
    await page.evaluate(() => {
      window.__inputs = [];
      window.__changes = 0;
      const t = document.getElementById('visit-note');
      t.addEventListener('input', (e) => window.__inputs.push(e.inputType));
      t.form.addEventListener('findings-changed', () => { window.__changes++; });
    });
    const before = await note.inputValue();
    const at = before.indexOf('SW');
    await page.getByRole('button', { name: 'Replace “SW” with “social worker”' }).click();
    const applied = await note.inputValue();
    assert.equal(applied, `${before.slice(0, at)}Social worker${before.slice(at + 2)}`, 'only the flagged words are replaced (capitalised at the start of a sentence)');
    assert.deepEqual(await page.evaluate(() => window.__inputs), ['insertText'], 'an input event, as typing gives');
    assert.ok(await page.evaluate(() => document.activeElement.id === 'visit-note'));
    await caughtUp(page, NOTE);
    assert.equal(await page.getByRole('button', { name: 'Select “SW” in the note' }).count(), 0);
    await assertHighlightsAligned(page, NOTE, { min: 3, label: 'after applying' });

    // Ctrl+Z undoes it and Ctrl+Shift+Z does it again, as for typing.
    await page.keyboard.press('Control+z');
    assert.equal(await note.inputValue(), before);
    await caughtUp(page, NOTE);
    assert.equal(await page.getByRole('button', { name: 'Select “SW” in the note' }).count(), 1);
    await page.keyboard.press('Control+Shift+z');
    assert.equal(await note.inputValue(), applied);
    await page.keyboard.press('Control+z');
    assert.equal(await note.inputValue(), before);

    // Dismiss "hostile": gone from the list and from the note's highlights.
    await caughtUp(page, NOTE);
    await page.getByRole('button', { name: 'Dismiss “hostile” (Blaming or stigmatising labels)' }).click();
    const dismissed = await page.evaluate(() => document.getElementById('visit-checker').dismissals());
    assert.deepEqual(dismissed, [{ rule: 'stigmatising-language', text: 'hostile' }]);
    const hidden = async () => page.evaluate(() => ({
      listed: [...document.querySelectorAll('.cnc-locate')].some((b) => b.textContent.includes('“hostile”')),
      marked: document.getElementById('visit-checker').controller.highlights().some((h) => document.getElementById('visit-note').value.slice(h.start, h.end).includes('hostile')),
      inReport: document.getElementById('visit-checker').report().findings.filter((f) => f.text === 'hostile').length,
      active: document.getElementById('visit-checker').findings().filter((f) => f.text === 'hostile').length,
    }));
    assert.deepEqual(await hidden(), { listed: false, marked: false, inReport: 1, active: 0 });

    // Edit the note before it and add another "hostile": still dismissed.
    await note.press('Control+Home');
    await note.pressSequentially('Today: ');
    await note.press('Control+End');
    await note.pressSequentially(' Dad was hostile too.');
    await caughtUp(page, NOTE);
    assert.deepEqual(await hidden(), { listed: false, marked: false, inReport: 2, active: 0 });
    assert.match(await page.locator('#visit-checker .cnc-summary').innerText(), /2 findings dismissed/);
    assert.ok(await page.evaluate(() => window.__changes) > 0, 'findings-changed reached the form');

    // Restore it from the dismissed list.
    await page.locator('#visit-checker .cnc-dismissed summary').click();
    await page.getByRole('button', { name: 'Restore “hostile” (Blaming or stigmatising labels)' }).click();
    await caughtUp(page, NOTE);
    assert.equal((await hidden()).active, 2);

    // Dismissals given back to a new checker (as a host restores a draft) hold too.
    const restored = await page.evaluate(async () => {
      const { attachChecker } = await import('./case-note-checker.js');
      const t = document.createElement('textarea');
      t.id = 'draft';
      t.setAttribute('aria-label', 'Draft');
      t.value = 'Mum was hostile. The SW visited. Dad was hostile.';
      document.querySelector('main').append(t);
      const c = attachChecker(t, { dismissed: [{ rule: 'stigmatising-language', text: 'hostile' }] });
      await c.ready;
      return { all: c.report().findings.filter((f) => f.text === 'hostile').length, shown: c.findings().filter((f) => f.text === 'hostile').length, back: c.dismissals() };
    });
    assert.deepEqual(restored, { all: 2, shown: 0, back: [{ rule: 'stigmatising-language', text: 'hostile' }] });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('typing with the checker makes the same undo steps as without it', async () => {
  // Chromium ends the textarea's undo step whenever a node is inserted or
  // removed anywhere in the page, so the checker updates text in place and
  // draws its underlines as ranges while the worker types.
  const typed = ' The SW visited Tyler at home.\nMum presented as hostile and the LAC review was held.\n\nIRO and HV updated. Tyler said "I am happy".';
  const steps = async (withChecker) => {
    const { context, page, problems } = await openReady(EMBED);
    try {
      if (!withChecker) {
        await page.evaluate(() => document.getElementById('visit-checker').remove());
        await page.waitForFunction(() => !document.querySelector('.cnc-field'));
      }
      const note = page.locator(NOTE);
      await note.focus();
      await note.press('Control+End');
      const before = await note.inputValue();
      await page.evaluate(() => {
        window.__inserted = [];
        new MutationObserver((ms) => {
          for (const m of ms) if (m.addedNodes.length || m.removedNodes.length) window.__inserted.push(m.target.className || m.target.localName);
        }).observe(document.body, { childList: true, subtree: true });
      });
      await page.keyboard.type(typed + typed, { delay: 20 });
      assert.equal(await note.inputValue(), before + typed + typed);
      const inserted = await page.evaluate(() => window.__inserted);
      let n = 0;
      while ((await note.inputValue()) !== before) {
        await page.keyboard.press('Control+z');
        assert.ok(++n < 100);
      }
      assert.deepEqual(problems, []);
      return { n, inserted };
    } finally {
      await context.close();
    }
  };
  const without = await steps(false);
  const withIt = await steps(true);
  assert.deepEqual(withIt.inserted, [], 'no node inserted or removed while typing');
  assert.equal(withIt.n, without.n, `undo steps with the checker (${withIt.n}) and without (${without.n})`);
});

test('every finding can be reached and acted on with the keyboard alone, with a visible focus', async () => {
  const { context, page, problems } = await openReady(EMBED);
  try {
    // Tab from the top of the page to the note.
    let guard = 0;
    while (!(await page.evaluate(() => document.activeElement?.id === 'visit-note'))) {
      await page.keyboard.press('Tab');
      assert.ok(++guard < 40, 'the note is reachable with Tab');
    }
    // Walk through the panel with Tab, recording what gets focus.
    const walk = [];
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const a = document.activeElement;
        const panel = document.getElementById('visit-checker');
        if (!panel.contains(a)) return null;
        const cs = getComputedStyle(a);
        return {
          action: a.dataset.cncAction ?? a.localName, name: a.getAttribute('aria-label') ?? a.textContent,
          key: a.closest('.cnc-finding')?.dataset.cncKey ?? null,
          outline: [cs.outlineStyle, parseFloat(cs.outlineWidth)],
        };
      });
      if (!f) break;
      walk.push(f);
    }
    const keys = await page.evaluate(() => [...document.querySelectorAll('#visit-checker .cnc-finding')].map((n) => n.dataset.cncKey));
    assert.ok(keys.length >= 4);
    for (const key of keys) assert.ok(walk.some((w) => w.key === key && w.action === 'dismiss'), `finding ${key} is reachable`);
    for (const w of walk) {
      assert.notEqual(w.outline[0], 'none', `${w.name} shows where the focus is`);
      assert.ok(w.outline[1] >= 2, `${w.name}: focus outline at least 2 px`);
    }

    // Enter on a finding's button selects its words in the note.
    await page.locator(NOTE).focus();
    const toLocate = async (name) => {
      for (let i = 0; i < 200; i++) {
        await page.keyboard.press('Tab');
        const n = await page.evaluate(() => document.activeElement.getAttribute('aria-label') ?? document.activeElement.textContent);
        if (n === name) return;
      }
      assert.fail(`${name} not reached with Tab`);
    };
    await toLocate('Select “LAC review” in the note');
    await page.keyboard.press('Enter');
    const sel = await page.evaluate(() => {
      const t = document.getElementById('visit-note');
      return { focused: document.activeElement === t, text: t.value.slice(t.selectionStart, t.selectionEnd) };
    });
    assert.deepEqual(sel, { focused: true, text: 'LAC review' });

    // Space on a suggestion applies it; focus returns to the note.
    await toLocate('Replace “presented as” with “seemed”');
    await page.keyboard.press('Space');
    assert.match(await page.locator(NOTE).inputValue(), /Mum seemed hostile\./);
    assert.ok(await page.evaluate(() => document.activeElement.id === 'visit-note'));
    await caughtUp(page, NOTE);

    // Enter on Dismiss: the finding goes and focus moves to the next one.
    await toLocate('Dismiss “hostile” (Blaming or stigmatising labels)');
    await page.keyboard.press('Enter');
    const after = await page.evaluate(() => ({
      cls: document.activeElement.className,
      inPanel: document.getElementById('visit-checker').contains(document.activeElement),
      gone: ![...document.querySelectorAll('.cnc-locate')].some((b) => b.textContent.includes('“hostile”')),
    }));
    assert.deepEqual(after, { cls: 'cnc-locate', inPanel: true, gone: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the field is described by the summary, the live region speaks once typing pauses, and detach puts everything back', async () => {
  const { context, page, problems } = await openReady(EMBED);
  try {
    const setUp = await page.evaluate(async () => {
      const { attachChecker } = await import('./case-note-checker.js');
      const form = document.createElement('form');
      form.id = 'host';
      const hint = document.createElement('p');
      hint.id = 'host-hint';
      hint.textContent = 'Write what happened.';
      const t = document.createElement('textarea');
      t.id = 'host-note';
      t.name = 'note';
      t.className = 'host-class';
      t.setAttribute('aria-label', 'Host note');
      t.setAttribute('aria-describedby', 'host-hint');
      // (The CSSOM: this page's CSP blocks style attributes.)
      t.style.setProperty('background-color', 'rgb(250, 250, 240)');
      t.style.setProperty('font-size', '17px');
      t.value = 'The SW visited.';
      form.append(hint, t);
      document.querySelector('main').append(form);
      const html = form.innerHTML;
      t.focus();
      t.setSelectionRange(4, 6);
      window.__host = attachChecker(t, { headingLevel: 2 });
      await window.__host.ready;
      const summary = document.getElementById(t.getAttribute('aria-describedby').split(' ')[1]);
      return {
        html,
        describedBy: t.getAttribute('aria-describedby'),
        summary: summary.textContent,
        live: [summary.closest('.cnc-panel').querySelector('[aria-live]').getAttribute('aria-live')],
        focus: document.activeElement === t,
        selection: [t.selectionStart, t.selectionEnd],
        background: getComputedStyle(t).backgroundColor,
        mirrorBackground: getComputedStyle(t.parentElement.querySelector('.cnc-backdrop')).backgroundColor,
      };
    });
    assert.match(setUp.describedBy, /^host-hint cnc-\d+-summary$/);
    assert.match(setUp.summary, /^Note checker: \d+ findings?/);
    assert.deepEqual(setUp.live, ['polite']);
    assert.ok(setUp.focus, 'wrapping the field kept its focus');
    assert.deepEqual(setUp.selection, [4, 6], 'and its selection');
    assert.equal(setUp.background, 'rgba(0, 0, 0, 0)');
    assert.equal(setUp.mirrorBackground, 'rgb(250, 250, 240)', 'the field’s own background is drawn behind the text');

    // Count what the live region says while typing and after the pause.
    await page.evaluate(() => {
      window.__said = [];
      const live = document.querySelector('#host .cnc-panel [aria-live]') ?? document.querySelector('#host ~ .cnc-panel [aria-live]') ?? window.__host.panelRoot.querySelector('[aria-live]');
      new MutationObserver(() => { if (live.textContent) window.__said.push([performance.now(), live.textContent]); }).observe(live, { childList: true, characterData: true, subtree: true });
    });
    const started = await page.evaluate(() => performance.now());
    await page.locator('#host-note').press('End');
    await page.locator('#host-note').pressSequentially(' LAC review. CIN plan. IRO told. HV told.', { delay: 15 });
    const typed = await page.evaluate(() => performance.now());
    await page.waitForFunction(() => window.__said.length > 0);
    const said = await page.evaluate(() => window.__said);
    assert.equal(said.length, 1, `one announcement, not one per keystroke: ${JSON.stringify(said)}`);
    assert.ok(said[0][0] > typed, 'spoken after typing paused');
    assert.ok(said[0][0] - started > 1000);
    const count = await page.evaluate(() => window.__host.findings().length);
    assert.match(said[0][1], new RegExp(`^${count} findings: `));

    // Detach: the form is as it was, the field keeps focus, value and selection.
    await page.locator('#host-note').focus();
    const detached = await page.evaluate(() => {
      const t = document.getElementById('host-note');
      t.setSelectionRange(1, 3);
      window.__host.detach();
      return {
        html: document.getElementById('host').innerHTML,
        value: t.value,
        focus: document.activeElement === t,
        selection: [t.selectionStart, t.selectionEnd],
        leftovers: document.querySelectorAll('.cnc-panel, .cnc-field, .cnc-backdrop').length,
      };
    });
    assert.equal(detached.value, 'The SW visited. LAC review. CIN plan. IRO told. HV told.');
    assert.equal(detached.html, setUp.html.replace('The SW visited.', ''), 'the same markup as before');
    assert.ok(detached.focus);
    assert.deepEqual(detached.selection, [1, 3]);
    assert.equal(detached.leftovers, 3, 'only the demonstration form’s own checker is left (its panel, wrapper and mirror)');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the host gets the report by method and event (namespaced and under the old names), and data- attributes update the context', async () => {
  const { context, page, problems } = await openReady(EMBED);
  try {
    const seen = await page.evaluate(async () => {
      const el = document.getElementById('visit-checker');
      const t = document.getElementById('visit-note');
      const events = [];
      const wait = (target, type) => new Promise((r) => target.addEventListener(type, (e) => { events.push(`${target.localName} ${type}`); r(e.detail); }, { once: true }));
      const waits = [wait(el, 'case-note-checker:findings-changed'), wait(t.form, 'case-note-checker:findings-changed'), wait(el, 'findings-changed'), wait(t.form, 'findings-changed')];
      el.dataset.event = 'high_risk';
      const details = await Promise.all(waits);
      return { same: details.every((d) => d === el.report()), category: details[0].deadline.category, events, ctx: el.controller.context() };
    });
    assert.ok(seen.same, 'the event detail is the report the element returns');
    assert.equal(seen.category, 'high_risk');
    assert.deepEqual(seen.events.sort(), ['case-note-checker case-note-checker:findings-changed', 'case-note-checker findings-changed', 'form case-note-checker:findings-changed', 'form findings-changed']);
    assert.equal(seen.ctx.event, 'high_risk');
    assert.equal(seen.ctx.equality.language, '', 'an empty mapped equality control is an empty form field');
    const fieldEmpty = () => page.evaluate(() => document.getElementById('visit-checker').report().findings.some((f) => f.rule === 'equality-information' && f.kind === 'field-empty'));
    assert.ok(await fieldEmpty());

    // The form's own field, through the fields attribute, fills the equality field.
    await page.fill('#visit-language', 'Polish; interpreter used');
    await page.waitForFunction(() => document.getElementById('visit-checker').controller.context().equality.language === 'Polish; interpreter used');
    await caughtUp(page, NOTE);
    assert.ok(!(await fieldEmpty()));
    // Removing an attribute removes the field.
    await page.evaluate(() => { document.getElementById('visit-checker').dataset.recordedAt = '2026-11-23T15:00'; });
    await page.waitForFunction(() => document.getElementById('visit-checker').controller.context().recorded_at === '2026-11-23T15:00');
    await page.evaluate(() => { delete document.getElementById('visit-checker').dataset.recordedAt; });
    await page.waitForFunction(() => !document.getElementById('visit-checker').controller.context().recorded_at);
    // A malformed context is reported, and the note is still checked.
    await page.evaluate(() => { document.getElementById('visit-checker').dataset.eventAt = '2026-02-30T10:00'; });
    await page.locator('#visit-checker .cnc-context-error').getByText('context.event_at').waitFor();
    assert.ok(await page.evaluate(() => document.getElementById('visit-checker').report().findings.length > 0));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the deadline counts down each minute from the event time, then shows overdue', async () => {
  const { context, page, problems } = await newPage({ timezoneId: 'Europe/London' });
  try {
    // Three and a half days after Monday 23 November 10:00, the form's visit
    // (due by Thursday 26 November 10:00): 06:40 on the Thursday.
    await page.clock.install({ time: new Date('2026-11-26T06:40:00Z') });
    await load(page, EMBED);
    const deadline = page.locator('#visit-checker .cnc-check--deadline');
    assert.match(await deadline.innerText(), /On time[\s\S]*Statutory visit \(within 72 hours\); due Thu, 26 Nov 2026, 10:00; due in 3 h 20 min/);
    assert.equal(await page.evaluate(() => document.getElementById('visit-checker').report().deadline.status), 'on_time');

    await page.clock.fastForward('01:00');
    await page.waitForFunction(() => /due in 3 h 19 min/.test(document.querySelector('#visit-checker .cnc-check--deadline').textContent));

    await page.clock.fastForward('04:00:00');
    await page.waitForFunction(() => /overdue by 41 min/.test(document.querySelector('#visit-checker .cnc-check--deadline').textContent));
    assert.match(await deadline.innerText(), /Overdue/);
    const report = await page.evaluate(() => document.getElementById('visit-checker').report());
    assert.equal(report.deadline.status, 'overdue');
    assert.ok(report.findings.some((f) => f.rule === 'late-recording'), 'a late note is flagged');
    await page.waitForFunction(() => /now overdue/.test(document.querySelector('#visit-checker .cnc-live').textContent));

    // With a recorded time from the form, no countdown: on time or late by how much.
    await page.evaluate(() => { document.getElementById('visit-checker').dataset.recordedAt = '2026-11-26T09:00'; });
    await page.waitForFunction(() => /recorded on time, 1 h before the deadline/.test(document.querySelector('#visit-checker .cnc-check--deadline').textContent));
    await page.evaluate(() => { document.getElementById('visit-checker').dataset.recordedAt = '2026-11-26T13:05'; });
    await page.waitForFunction(() => /recorded 3 h 5 min late/.test(document.querySelector('#visit-checker .cnc-check--deadline').textContent));
    // And for an event later today: a countdown that has not started.
    await page.evaluate(() => {
      const el = document.getElementById('visit-checker');
      delete el.dataset.recordedAt;
      el.dataset.event = 'high_risk';
      el.dataset.eventAt = '2026-11-26T11:00';
    });
    await page.waitForFunction(() => /High-risk event \(by the end of the same day\); due Thu, 26 Nov 2026, 23:59; due in 13 h 18 min/.test(document.querySelector('#visit-checker .cnc-check--deadline').textContent));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('with the wasm blocked the demonstration form works exactly as before', async () => {
  const { context, page, problems, requests } = await newPage();
  try {
    await context.route('**/*.wasm', (route) => route.abort());
    await page.goto(env.baseURL + EMBED);
    await page.waitForFunction(() => document.getElementById('visit-checker').dataset.cncState === 'unavailable');
    assert.match(await page.locator('#visit-checker').innerText(), /could not be loaded/);
    assert.deepEqual(await page.evaluate(() => {
      const t = document.getElementById('visit-note');
      return [t.parentElement.className, t.getAttribute('class'), t.getAttribute('style'), t.getAttribute('aria-describedby')];
    }), ['host-field', null, null, null]);
    const typed = 'Zoë 😀 said "I like it here" & <b>smiled</b>;\nLAC review 50% done.';
    await page.fill(NOTE, '');
    await page.locator(NOTE).pressSequentially(typed);
    assert.equal(await page.locator(NOTE).inputValue(), typed);
    const [request] = await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).pathname === '/submitted'),
      page.getByRole('button', { name: 'Save visit' }).click(),
    ]);
    assert.equal(new URLSearchParams(request.postData()).get('note'), typed.replace(/\n/g, '\r\n'));
    assert.ok(requests.some((r) => r.endsWith('.wasm')));
    assert.deepEqual(problems.filter((p) => !/wasm|ERR_FAILED|Failed to load/.test(p)), []);
  } finally {
    await context.close();
  }
});

test('the checked field keeps its name, value, validation and submission', async () => {
  const { context, page, problems } = await openReady(EMBED);
  try {
    const field = await page.evaluate(() => {
      const t = document.getElementById('visit-note');
      return { inForm: t.form.elements.note === t, required: t.required, name: t.name };
    });
    assert.deepEqual(field, { inForm: true, required: true, name: 'note' });
    // Required still stops an empty note being saved.
    await page.fill(NOTE, '');
    let submitted = false;
    page.on('request', (r) => { if (new URL(r.url()).pathname === '/submitted') submitted = true; });
    await page.getByRole('button', { name: 'Save visit' }).click();
    assert.equal(await page.evaluate(() => document.getElementById('visit-note').matches(':invalid')), true);
    assert.ok(await page.evaluate(() => document.getElementById('visit-note').validationMessage.length > 0));
    await frames(page);
    assert.equal(submitted, false);
    // What is typed is what is submitted, with the checker's suggestion applied.
    await page.locator(NOTE).pressSequentially('The SW saw Kacper alone.');
    await caughtUp(page, NOTE);
    await page.getByRole('button', { name: 'Replace “SW” with “social worker”' }).click();
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.accept(); });
    const [request] = await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).pathname === '/submitted'),
      page.getByRole('button', { name: 'Save visit' }).click(),
    ]);
    const body = new URLSearchParams(request.postData());
    assert.equal(body.get('note'), 'The social worker saw Kacper alone.');
    assert.equal(body.get('event_at'), '2026-11-23T10:00');
    assert.deepEqual([...body.keys()].sort(), ['child', 'child_age', 'equality_language', 'equality_religion', 'event_at', 'event_type', 'note']);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the embedding guide: no request after load, the CSP holds, and HTML in the note or the attributes stays text', async () => {
  const { context, page, problems, requests, response } = await openReady(EMBED);
  try {
    assert.equal(response.headers()['content-security-policy'], CSP);
    const atLoad = requests.length;
    const payload = '<img src=x onerror="window.__xss=1"></textarea><script>window.__xss=2</script> The SW <b>visited</b>.';
    await page.fill(NOTE, payload);
    await page.evaluate(() => { document.getElementById('visit-checker').dataset.childName = '<img src=y onerror="window.__xss=3">'; });
    await caughtUp(page, NOTE);
    await page.getByRole('button', { name: 'Select “SW” in the note' }).click();
    await page.getByRole('button', { name: 'Replace “SW” with “social worker”' }).click();
    await page.getByRole('button', { name: /^Dismiss: No child's voice/ }).click();
    await page.locator(NOTE).pressSequentially(' <svg onload="window.__xss=4">');
    await caughtUp(page, NOTE);
    const result = await page.evaluate(() => ({
      xss: window.__xss,
      elements: document.querySelectorAll('#visit-form img, #visit-form script, #visit-form b, #visit-form svg').length,
      messages: [...document.querySelectorAll('#visit-checker .cnc-message')].map((m) => m.textContent).join('\n'),
      csp: window.__cspViolations,
    }));
    assert.equal(result.xss, undefined);
    assert.equal(result.elements, 0);
    // The checker uses the first word of the child's name: shown as the text it is.
    assert.match(result.messages, /assessment of <img's needs/);
    assert.deepEqual(result.csp, []);
    assert.deepEqual(requests.slice(atLoad), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('screenshot of the checker on the demonstration form', async () => {
  const { context, page, problems } = await openReady(EMBED, { viewport: { width: 1200, height: 1000 } });
  try {
    const form = page.locator('#visit-form');
    await form.scrollIntoViewIfNeeded();
    await page.locator('#visit-checker .cnc-why summary').first().click();
    const file = resultPath('widget.png');
    await form.screenshot({ path: file });
    assert.ok(statSync(file).size > 10_000);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the stylesheet styles only the checker’s own elements, and hosts restyle it with --cnc- properties', async () => {
  const { context, page, problems } = await openReady(EMBED);
  try {
    const sheet = await page.evaluate(() => {
      const css = [...document.styleSheets].find((s) => s.href?.endsWith('/case-note-checker.css'));
      const selectors = [];
      const custom = [];
      const walk = (rules) => {
        for (const rule of rules) {
          if (rule.cssRules && !(rule instanceof CSSStyleRule)) walk(rule.cssRules);
          if (!(rule instanceof CSSStyleRule)) continue;
          // Split on the commas that separate selectors, not those inside :where(…).
          let depth = 0;
          let part = '';
          for (const ch of rule.selectorText) {
            if (ch === '(') depth++;
            if (ch === ')') depth--;
            if (ch === ',' && depth === 0) { selectors.push(part.trim()); part = ''; } else part += ch;
          }
          selectors.push(part.trim());
          for (const name of rule.style) if (name.startsWith('--')) custom.push(name);
        }
      };
      walk(css.cssRules);
      return { selectors, custom };
    });
    assert.ok(sheet.selectors.length > 40);
    assert.deepEqual(sheet.selectors.filter((s) => !s.startsWith('.cnc-')), [], 'every selector starts with a .cnc- class');
    assert.deepEqual(sheet.custom, [], 'the stylesheet sets no custom property, so the host’s values always win');

    const restyled = await page.evaluate(() => {
      const root = document.documentElement;
      root.style.setProperty('--cnc-error', 'rgb(1, 2, 3)');
      root.style.setProperty('--cnc-warning', 'rgb(4, 5, 6)');
      document.getElementById('visit-form').style.setProperty('--cnc-font', 'serif');
      const para = document.querySelector('#visit-form .cnc-para');
      return {
        severity: getComputedStyle(document.querySelector('#visit-checker .cnc-severity--warning')).color,
        underline: getComputedStyle(para, '::highlight(cnc-warning)').textDecorationColor,
        font: getComputedStyle(document.querySelector('#visit-checker .cnc-panel')).fontFamily,
        page: getComputedStyle(document.querySelector('h1')).color,
      };
    });
    assert.deepEqual(restyled, { severity: 'rgb(4, 5, 6)', underline: 'rgb(4, 5, 6)', font: 'serif', page: 'rgb(27, 27, 27)' });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
