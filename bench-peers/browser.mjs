// Keystroke to updated results in Chromium, on the page `scripts/serve.mjs` serves.
//
//   node bench-peers/browser.mjs        (make bench runs it; needs `make wasm` and the notes)
//
// Three times: with checks in the widget's Web Worker (the default), with
// them on the page's own thread (the trainer's page with ?checking=page), the
// fallback for pages that forbid workers, and with the checker detached (the
// same textarea alone): the floor that the browser's own input handling and
// frame cadence set, which no checker can go below.
//
// For the 1,000- and 5,000-word notes: the note is put in the page's textarea,
// the caret at the end of the paragraph nearest the middle, then KEYS (200)
// keystrokes are typed one at a time through Chromium's input pipeline
// (playwright-core, CDP). For each we take, in the page:
//   t0  the keydown event's timeStamp;
//   t1  the `checked` event the widget dispatches after it has checked the
//       textarea's current text and rendered the highlights and findings
//       (the DOM is updated) — the first one whose text includes the key;
//   t2  the end of the frame that paints the highlights for the new text:
//       on the page's thread the widget checks inside requestAnimationFrame,
//       so a task queued at t1 runs once that frame is painted. A worker's
//       report arrives in a task of its own: if it changed the underlines
//       (highlightsChanged), t2 is the end of the next frame (a task queued
//       from its requestAnimationFrame); if not, the underlines the widget
//       had already moved with the edit, in the keystroke's own frame, were
//       the right ones, and t2 is the end of that frame.
// For the textarea alone, t2 is the end of the keystroke's own frame.
// "Rendered" latency is t2 - t0; "DOM" latency is t1 - t0. Between keystrokes
// there is a pause of 40-120 ms (deterministic), as between real key presses.
// Writes target/bench/browser.json.

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { OUT, ROOT, note, summary, fmtMs } from './common.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const KEYS = Number(process.env.BENCH_KEYS ?? 200);
const WARMUP = 10;
const SIZES = [1_000, 5_000];
// Plain words and flagged ones (SW, IRO), so some keystrokes change the underlines and most move them.
const TYPED = 'She said she feels safe at home; the SW and the IRO agreed. ';
const log = (...a) => console.error('[chromium]', ...a);

function startServer() {
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', '0', '--root', 'www'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve.mjs printed no address in 10 s: ${out}`)), 10_000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = /^serving \S+ on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ server, url: m[1] });
      }
    });
    server.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}: ${out}`)));
  });
}

/**
 * Installed in the page: records one latency per keystroke. `alone`: the
 * checker is detached, and the latency is the keystroke's own frame.
 */
function instrument(alone) {
  const ta = document.getElementById('note');
  const state = { pending: null, results: [], waiters: [] };
  const settle = () => {
    state.waiters = state.waiters.filter((w) => {
      if (state.results.length >= w.n) { w.resolve(state.results.length); return false; }
      return true;
    });
  };
  /** A promise for the end of the next frame painted (a task queued from its requestAnimationFrame). */
  const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  }));
  window.__bench = {
    until: (n, timeout) => new Promise((resolve) => {
      state.waiters.push({ n, resolve });
      settle();
      setTimeout(() => resolve(-1), timeout);
    }),
    count: () => state.results.length,
    results: () => state.results,
    reset: () => { state.results = []; state.pending = null; },
  };
  if (alone) {
    ta.addEventListener('keydown', (e) => {
      const t0 = e.timeStamp || performance.now();
      nextPaint().then((t2) => {
        state.results.push({ dom: t2 - t0, rendered: t2 - t0, cost: 0, via: 'none', changed: false });
        settle();
      });
    }, { capture: true });
    return;
  }
  const controller = window.caseNoteChecker.controller;
  ta.addEventListener('keydown', (e) => {
    state.pending = { t0: e.timeStamp || performance.now(), key: e.key, before: ta.value, keyFrame: nextPaint() };
  }, { capture: true });
  controller.addEventListener('case-note-checker:checked', (e) => {
    const p = state.pending;
    if (!p || e.detail.text !== ta.value || e.detail.text === p.before) return;
    const t1 = performance.now();
    state.pending = null;
    const record = (t2) => {
      state.results.push({ dom: t1 - p.t0, rendered: t2 - p.t0, cost: e.detail.cost, via: e.detail.via, changed: e.detail.highlightsChanged });
      settle();
    };
    if (e.detail.via !== 'worker') {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => record(performance.now());
      channel.port2.postMessage(0);
    } else if (e.detail.highlightsChanged === false) {
      p.keyFrame.then(record);
    } else {
      nextPaint().then(record);
    }
  });
}

async function measure(page, words) {
  const text = note(words);
  // Put the note in, check it, put the caret at the end of the paragraph nearest the middle.
  const caret = await page.evaluate((t) => {
    const ta = document.getElementById('note');
    ta.focus();
    ta.value = t;
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
    if (window.caseNoteChecker.controller.state === 'ready') window.caseNoteChecker.controller.refresh();
    let at = t.indexOf('\n\n', Math.floor(t.length / 2));
    if (at < 0) at = t.length;
    ta.setSelectionRange(at, at);
    return at;
  }, text);
  await page.waitForTimeout(300);
  await page.evaluate(() => window.__bench.reset());
  let seed = 12345;
  const gap = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return 40 + (seed % 81);
  };
  let timeouts = 0;
  for (let i = 0; i < WARMUP + KEYS; i++) {
    if (i === WARMUP) await page.evaluate(() => window.__bench.reset());
    const before = await page.evaluate(() => window.__bench.count());
    const ch = TYPED[i % TYPED.length];
    await page.keyboard.press(ch === ' ' ? 'Space' : ch);
    const got = await page.evaluate(([n]) => window.__bench.until(n, 5000), [before + 1]);
    if (got < 0) timeouts++;
    await page.waitForTimeout(gap());
  }
  const results = await page.evaluate(() => window.__bench.results());
  const typed = await page.evaluate(([at, n]) => document.getElementById('note').value.slice(at, at + n), [caret, KEYS + WARMUP]);
  const expect = Array.from({ length: WARMUP + KEYS }, (_, i) => TYPED[i % TYPED.length]).join('');
  return {
    words,
    keys: KEYS,
    typed_ok: typed === expect,
    timeouts,
    rendered: summary(results.map((r) => r.rendered)),
    dom: summary(results.map((r) => r.dom)),
    check_cost: summary(results.map((r) => r.cost)),
    via: [...new Set(results.map((r) => r.via))].join(','),
    highlights_changed: results.filter((r) => r.changed).length,
    rendered_when_changed: summary(results.filter((r) => r.changed).map((r) => r.rendered)),
  };
}

async function main() {
  const { server, url } = await startServer();
  process.on('exit', () => server.kill('SIGKILL'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
  });
  const result = { date: new Date().toISOString(), browser: browser.version(), keys: KEYS, sizes: {}, page_thread: {}, textarea_alone: {} };
  try {
    for (const [mode, query, into] of [['worker', '', result.sizes], ['page thread', '?checking=page', result.page_thread], ['textarea alone', '?checking=page', result.textarea_alone]]) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('pageerror', (e) => log('page error:', e.message));
      await page.goto(`${url}/${query}`);
      await page.waitForSelector('body[data-checker-ready="true"]', { timeout: 60_000 });
      if (mode === 'worker') await page.waitForFunction(() => window.caseNoteChecker.controller.checkingIn === 'worker', null, { timeout: 60_000 });
      const alone = mode === 'textarea alone';
      if (alone) await page.evaluate(() => window.caseNoteChecker.controller.detach());
      await page.evaluate(instrument, alone);
      for (const words of SIZES) {
        log(`${mode}, ${words} words: ${KEYS} keystrokes`);
        const r = await measure(page, words);
        into[words] = r;
        log(`  rendered p50 ${fmtMs(r.rendered.median)}, p95 ${fmtMs(r.rendered.p95)}; check ${fmtMs(r.check_cost.median)}; via ${r.via}, underlines changed by ${r.highlights_changed} of ${r.keys} (those: p50 ${fmtMs(r.rendered_when_changed.median)}, p95 ${fmtMs(r.rendered_when_changed.p95)}); ${r.timeouts} timeouts; typed ${r.typed_ok ? 'ok' : 'WRONG'}`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
  const file = path.join(OUT, 'browser.json');
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${file}`);
}

await main();
process.exit(0);
