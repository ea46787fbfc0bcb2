// Shared set-up for the browser end-to-end tests (node --test tests/e2e/).
//
// Each test file starts scripts/serve.mjs on a free port on 127.0.0.1 and
// drives /usr/bin/chromium, headless, with playwright-core (which never
// downloads a browser).
//
// Overrides, all optional: CHROMIUM_PATH (the browser), CASE_NOTE_CHECK (the
// CLI binary), E2E_WWW_ROOT (the folder to serve instead of www/).

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CLI = process.env.CASE_NOTE_CHECK || path.join(ROOT, 'target', 'debug', 'case-note-check');
export const WWW = process.env.E2E_WWW_ROOT || 'www';
export const RESULTS = path.join(ROOT, 'test-results');

const state = { server: null, baseURL: null, browser: null };

function startServer() {
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', '0', '--root', WWW], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  state.server = server;
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

/** Starts the server and the browser before this file's tests, and stops both after. */
export function useBrowser() {
  before(async () => {
    state.baseURL = await startServer();
    state.browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Real scrollbars, which take room from the text as they do for people.
      ignoreDefaultArgs: ['--hide-scrollbars'],
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
    });
  });
  // If this process ends some other way, the server goes with it.
  process.on('exit', () => state.server?.kill('SIGKILL'));
  after(async () => {
    try {
      await state.browser?.close();
    } finally {
      const server = state.server;
      if (server && server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
    }
  });
  return {
    get baseURL() { return state.baseURL; },
    get browser() { return state.browser; },
  };
}

/** A fresh page that records console errors, page errors, CSP violations and every request. */
export async function newPage(contextOptions = {}) {
  const context = await state.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London', ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    else if (m.type() === 'warning') warnings.push(`console warning: ${m.text()}`);
  });
  pageWarnings.set(page, warnings);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
  pageProblems.set(page, problems);
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
  return { context, page, problems, requests };
}

/**
 * Loads a page and waits until its checker is ready and loading is over:
 * Chromium asks for the favicon after the load event, at about the time the
 * checker becomes ready, so tests that count requests wait for the network
 * to go quiet too.
 */
export async function load(page, url = '/') {
  const response = await page.goto(state.baseURL + url, { waitUntil: 'networkidle' });
  try {
    if (url === '/' || url.startsWith('/?') || url.startsWith('/index.html')) {
      await page.waitForFunction(() => document.body.dataset.checkerReady === 'true');
    } else {
      await page.waitForFunction(() => [...document.querySelectorAll('case-note-checker')].every((e) => e.dataset.cncState === 'ready'));
    }
    // And until it is settled where checks run (the worker has started, with
    // its own requests, or could not), so requests counted after this are the page's.
    await page.evaluate(() => Promise.all([window.caseNoteChecker?.controller, ...[...document.querySelectorAll('case-note-checker')].map((e) => e.controller)]
      .filter(Boolean).map((c) => c.checkingSettled)));
  } catch (e) {
    const state = await page.evaluate(() => ({ ready: document.body.dataset.checkerReady, states: [...document.querySelectorAll('case-note-checker')].map((x) => x.dataset.cncState), readyState: document.readyState })).catch((x) => String(x));
    const said = [...(pageProblems.get(page) ?? []), ...(pageWarnings.get(page) ?? [])];
    throw new Error(`${url} did not become ready: ${e.message}\npage: ${JSON.stringify(state)}\nthe page said: ${said.join('\n')}`);
  }
  return response;
}

const pageProblems = new WeakMap();
const pageWarnings = new WeakMap();

export async function openReady(url = '/', contextOptions = {}) {
  const opened = await newPage(contextOptions);
  opened.response = await load(opened.page, url);
  return opened;
}

/** Resolves after the page has painted twice, so a check scheduled for the next frame has run. */
export const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Waits until the shown report is the one for the textarea's current text (a slow check has caught up). */
export async function caughtUp(page, selector = '#note') {
  await page.waitForFunction((sel) => {
    const ta = document.querySelector(sel);
    const c = window.caseNoteChecker?.controller ?? document.querySelector(`case-note-checker[for="${ta.id}"]`)?.controller;
    return c && c.state === 'ready' && !c.pending;
  }, selector);
}

/** Runs axe-core in the page (evaluated over the DevTools protocol, which the CSP does not govern). */
export async function axe(page, context = 'document') {
  if (!(await page.evaluate(() => Boolean(window.axe)))) {
    await page.evaluate(readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  }
  return page.evaluate(async (ctx) => {
    const target = ctx === 'document' ? document : document.querySelector(ctx);
    const result = await window.axe.run(target, { resultTypes: ['violations'] });
    return {
      violations: result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      passes: result.passes.length,
    };
  }, context);
}

export function resultPath(name) {
  mkdirSync(RESULTS, { recursive: true });
  return path.join(RESULTS, name);
}

/**
 * In-page helpers, as source to evaluate: the highlight ranges the checker
 * drew in a field's mirror (from CSS.highlights, or the fallback's spans),
 * and conversions between DOM points in the mirror and offsets in the note.
 */
const MIRROR_HELPERS = `
  window.__mirror = {
    ranges(ta) {
      const mirror = ta.parentElement.querySelector('.cnc-mirror');
      const spans = [...mirror.querySelectorAll('.cnc-hl')];
      if (spans.length) {
        return spans.map((s) => {
          const r = new Range();
          r.setStart(s.firstChild, 0);
          r.setEnd(s.firstChild, s.firstChild.data.length);
          return r;
        });
      }
      const out = [];
      for (const severity of ['error', 'warning', 'advice']) {
        const h = CSS.highlights.get('cnc-' + severity);
        if (h) for (const r of h) if (mirror.contains(r.commonAncestorContainer)) out.push(r);
      }
      return out;
    },
    offset(ta, node, offset) {
      // The mirror's text nodes, in order, hold the note's text, newlines included.
      const mirror = ta.parentElement.querySelector('.cnc-mirror');
      const walker = document.createTreeWalker(mirror, NodeFilter.SHOW_TEXT);
      let pos = 0;
      let t;
      while ((t = walker.nextNode())) {
        if (t === node) return pos + offset;
        pos += t.data.length;
      }
      return null;
    },
    point(ta, target) {
      const mirror = ta.parentElement.querySelector('.cnc-mirror');
      const walker = document.createTreeWalker(mirror, NodeFilter.SHOW_TEXT);
      let pos = 0;
      let t;
      while ((t = walker.nextNode())) {
        if (target < pos + t.data.length) return [t, target - pos];
        pos += t.data.length;
      }
      return null;
    },
  };
`;

/**
 * For every highlight in the mirror of `textareaSelector`, asks the textarea
 * itself which characters lie under it: for each character of the highlight
 * (up to 8, spaces skipped), the character's box in the mirror is probed at
 * a quarter and three quarters of its width with
 * document.caretPositionFromPoint, which Chromium answers with the textarea
 * and an offset into its value. A mirror laid out like the textarea gets the
 * character's own two boundaries back (in either order, for right-to-left
 * text), so each character lies within a quarter of its width (about 2 px)
 * of where the textarea draws it. Only highlights inside the textarea's
 * visible area are measured.
 */
export async function measureHighlights(page, textareaSelector) {
  await page.evaluate(MIRROR_HELPERS);
  return page.evaluate((sel) => {
    const ta = document.querySelector(sel);
    const M = window.__mirror;
    // caretPositionFromPoint needs the points on screen.
    const onScreen = ta.getBoundingClientRect();
    if (onScreen.top < 0 || onScreen.bottom > innerHeight) ta.scrollIntoView({ block: onScreen.height > innerHeight ? 'start' : 'nearest' });
    const box = ta.getBoundingClientRect();
    const top = Math.max(0, box.top + ta.clientTop);
    const bottom = Math.min(innerHeight, box.top + ta.clientTop + ta.clientHeight);
    const left = box.left + ta.clientLeft;
    const right = box.left + ta.clientLeft + ta.clientWidth;
    const at = (x, y) => {
      const p = document.caretPositionFromPoint(x, y);
      return p && p.offsetNode === ta ? p.offset : null;
    };
    const value = ta.value;
    const out = [];
    let total = 0;
    for (const range of M.ranges(ta)) {
      total++;
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const visible = rects.length && rects.every((r) => r.top >= top && r.bottom <= bottom && r.left >= left - 1 && r.right <= right + 1);
      if (!visible) continue;
      const start = M.offset(ta, range.startContainer, range.startOffset);
      const end = M.offset(ta, range.endContainer, range.endOffset);
      const chars = [];
      for (let i = start; i < end;) {
        const cp = value.codePointAt(i);
        const w = cp > 0xffff ? 2 : 1;
        if (!/\s/.test(String.fromCodePoint(cp))) chars.push([i, w]);
        i += w;
      }
      const picked = chars.length <= 8 ? chars : chars.filter((_, k) => k % Math.ceil(chars.length / 8) === 0 || k === chars.length - 1);
      const mismatches = [];
      for (const [i, w] of picked) {
        const r = document.createRange();
        r.setStart(...M.point(ta, i));
        r.setEnd(...M.point(ta, i + w - 1).map((x, k) => (k === 1 ? x + 1 : x)));
        const c = [...r.getClientRects()].find((q) => q.width > 0);
        if (!c) continue;
        const y = c.top + c.height / 2;
        const got = [at(c.left + c.width / 4, y), at(c.right - c.width / 4, y)].sort((a, b) => a - b);
        if (got[0] !== i || got[1] !== i + w) mismatches.push({ char: value.slice(i, i + w), at: i, got });
      }
      out.push({ text: range.toString(), start, end, checked: picked.length, mismatches });
    }
    out.sort((a, b) => a.start - b.start);
    return { highlights: out, total, value };
  }, textareaSelector);
}

/**
 * Draws the note's text twice, once by the textarea (the mirror's text
 * hidden) and once by the mirror (the textarea's text hidden), screenshots
 * the field each time and, for every visible highlight box, finds the shift
 * (dx, dy in device pixels, ±3) that best lines the mirror's glyphs up with
 * the textarea's. A mirror laid out exactly like the textarea gives (0, 0).
 * Also returns the ink centroids of both drawings, whose difference is the
 * mirror's mean offset in CSS pixels.
 */
export async function pixelAlignment(page, textareaSelector) {
  await page.evaluate(MIRROR_HELPERS);
  const field = page.locator(`.cnc-field:has(${textareaSelector})`);
  const paint = (who) => page.evaluate(([sel, w]) => {
    const ta = document.querySelector(sel);
    ta.blur();
    const mirrorNodes = [...ta.parentElement.querySelectorAll('.cnc-backdrop, .cnc-hl')];
    const [taColour, mirrorColour] = w === 'textarea' ? ['#000', 'transparent'] : ['transparent', '#000'];
    ta.style.setProperty('color', taColour, 'important');
    ta.style.setProperty('caret-color', 'transparent', 'important');
    for (const n of mirrorNodes) n.style.setProperty('color', mirrorColour, 'important');
    return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }, [textareaSelector, who]);
  await paint('textarea');
  const a = await field.screenshot({ animations: 'disabled', caret: 'hide' });
  await paint('mirror');
  const b = await field.screenshot({ animations: 'disabled', caret: 'hide' });
  const result = await page.evaluate(async ([sel, a64, b64]) => {
    const decode = async (s) => {
      const bytes = Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bmp.width, bmp.height);
      const g = canvas.getContext('2d');
      g.drawImage(bmp, 0, 0);
      return g.getImageData(0, 0, bmp.width, bmp.height);
    };
    const A = await decode(a64);
    const B = await decode(b64);
    const ta = document.querySelector(sel);
    const field = ta.parentElement.getBoundingClientRect();
    const dpr = devicePixelRatio;
    const ink = (img, x, y) => {
      if (x < 0 || y < 0 || x >= img.width || y >= img.height) return 0;
      const i = (y * img.width + x) * 4;
      return 765 - img.data[i] - img.data[i + 1] - img.data[i + 2];
    };
    const centroid = (img) => {
      let sx = 0; let sy = 0; let s = 0;
      for (let y = 0; y < img.height; y++) {
        for (let x = 0; x < img.width; x++) {
          const v = ink(img, x, y);
          if (v > 0) { sx += v * x; sy += v * y; s += v; }
        }
      }
      return { x: sx / s / dpr, y: sy / s / dpr, ink: s };
    };
    const box = ta.getBoundingClientRect();
    const top = Math.max(0, box.top + ta.clientTop);
    const bottom = Math.min(innerHeight, box.top + ta.clientTop + ta.clientHeight);
    const shifts = [];
    for (const range of window.__mirror.ranges(ta)) {
      for (const r of range.getClientRects()) {
        if (r.width < 4 || r.top < top || r.bottom > bottom) continue;
        const x0 = Math.round((r.left - field.left) * dpr);
        const y0 = Math.round((r.top - field.top) * dpr);
        const x1 = Math.round((r.right - field.left) * dpr);
        const y1 = Math.round((r.bottom - field.top) * dpr);
        let ink0 = 0;
        for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) ink0 += ink(A, x, y);
        // A box with no glyphs (the space left at the end of a wrapped line) says nothing.
        if (ink0 < 2000) continue;
        // Shifts nearest first, so a tie goes to the smaller shift.
        const shiftsToTry = [];
        for (let dy = -3; dy <= 3; dy++) for (let dx = -3; dx <= 3; dx++) shiftsToTry.push([dx, dy]);
        shiftsToTry.sort((p, q) => Math.hypot(...p) - Math.hypot(...q));
        let best = null;
        for (const [dx, dy] of shiftsToTry) {
          let s = 0;
          for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) s += Math.abs(ink(A, x, y) - ink(B, x + dx, y + dy));
          if (!best || s < best.s) best = { dx, dy, s };
        }
        shifts.push({ text: range.toString(), dx: best.dx, dy: best.dy, residual: ink0 ? best.s / ink0 : 0 });
      }
    }
    // Put the colours back as the page had them.
    ta.style.removeProperty('color');
    ta.style.removeProperty('caret-color');
    for (const n of ta.parentElement.querySelectorAll('.cnc-backdrop, .cnc-hl')) n.style.removeProperty('color');
    return { shifts, textarea: centroid(A), mirror: centroid(B) };
  }, [textareaSelector, a.toString('base64'), b.toString('base64')]);
  return result;
}

/** Asserts that every visible highlight lies over exactly the characters it flags. */
export async function assertHighlightsAligned(page, textareaSelector, { min = 1, label = '' } = {}) {
  const { highlights, value } = await measureHighlights(page, textareaSelector);
  assert.ok(highlights.length >= min, `${label}: at least ${min} highlight(s) visible, got ${highlights.length}`);
  for (const h of highlights) {
    assert.equal(value.slice(h.start, h.end), h.text, `${label}: the mirror's text matches the note at ${h.start}`);
    assert.ok(h.checked > 0, `${label}: “${h.text}” measured`);
    assert.deepEqual(h.mismatches, [], `${label}: under the highlight of “${h.text}” (${h.start}–${h.end}) the textarea has other characters`);
  }
  const px = await pixelAlignment(page, textareaSelector);
  assert.ok(px.shifts.length >= Math.min(min, 1), `${label}: measured some highlight boxes`);
  for (const s of px.shifts) {
    assert.ok(Math.abs(s.dx) <= 1 && Math.abs(s.dy) <= 1, `${label}: the mirror's “${s.text}” is drawn ${s.dx}, ${s.dy} device px from the textarea's`);
  }
  const dx = Math.abs(px.textarea.x - px.mirror.x);
  const dy = Math.abs(px.textarea.y - px.mirror.y);
  assert.ok(dx < 0.5 && dy < 0.5, `${label}: the mirror's text is offset ${dx.toFixed(2)}, ${dy.toFixed(2)} px from the textarea's`);
  return { highlights, px };
}
