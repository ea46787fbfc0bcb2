// When and where a field's note is checked. In the page's worker where
// there is one: an edit is posted at once, one check is out at a time, and
// a reply for an older text or policy is dropped by its id (its underlines
// are moved with the edit meanwhile). On the page's own thread otherwise:
// in the next frame, or, for a note too long to check every frame, once
// typing pauses.

import { errorDetails, withoutField } from './context.js';
import { diffRange, mapSegments, segmentsOf } from './segments.js';
import { activeFindings } from './findings.js';
import { sharedWorker } from './worker-client.js';

/** A check on the page's thread that takes longer than this (ms) no longer runs on every frame. */
const FRAME_BUDGET = 12;
/** A worker check still out after this long (ms) marks the panel "Updating…". */
const STALE_AFTER = 300;

/**
 * `field` is the controller's side: `textarea`, `ready()`, `policy()`,
 * `context()` (the effective context), `shown()` (`{text, key, segments,
 * dismissed}` of what is drawn), `accept(result)` (a report for the text
 * now in the field), `preview(text, segments)` (underlines moved with an
 * edit), `stale(bool)`, `sync()` (the layout, before anything is drawn),
 * `settled()` (the current underlines, when nothing is new) and
 * `frameDone()` (the mirror scrolled with the field, after every frame).
 */
export class CheckLoop {
  #field;
  #worker = null;
  #frame = 0;
  #delay = 0;
  #wanted = false;
  #force = false;
  #inflight = null;
  #lastInputAt = 0;
  #lastCheckAt = 0;
  #clock = 0;
  #counting = false;
  /** How long the last check took, in ms (in the worker: from posting the note to its report). */
  lastCost = 0;

  constructor(field) {
    this.#field = field;
  }

  /** The worker checks go to (null: the page's thread). */
  get worker() {
    return this.#worker;
  }

  /**
   * Moves checks to the page's worker once it has started (see
   * sharedWorker); resolves to where they run then. If the worker stops
   * later, `onFailure(error)` is told and checks go back to the page's thread.
   */
  async useWorker(options, onFailure) {
    const worker = await sharedWorker(options);
    if (!worker || !this.#field.ready()) return this.#field.ready() ? 'page' : null;
    this.#worker = worker;
    this.#inflight = null;
    const before = worker.onfailure;
    worker.onfailure = (error) => {
      before?.(error);
      if (this.#worker !== worker || !this.#field.ready()) return;
      this.#worker = null;
      this.#inflight = null;
      onFailure(error);
      this.schedule(true);
    };
    return 'worker';
  }

  get pending() {
    return this.#wanted || Boolean(this.#frame) || Boolean(this.#inflight);
  }

  stop() {
    clearTimeout(this.#clock);
    this.#inflight = null;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    clearTimeout(this.#delay);
  }

  /**
   * Re-checks at the start of each minute while the deadline is counted
   * down against the clock (`counting`), so the countdown stays true.
   */
  armClock(counting, now) {
    clearTimeout(this.#clock);
    this.#counting = counting;
    if (!counting || !this.#field.ready()) return;
    const wait = 60000 - (now.getSeconds() * 1000 + now.getMilliseconds()) + 25;
    this.#clock = setTimeout(() => this.tick(), wait);
  }

  /** The minute has turned, or the page is visible again: check if the countdown or the text needs it. */
  tick() {
    if (!this.#field.ready()) return;
    if (this.#field.textarea.value !== this.#field.shown().text || this.#counting) this.schedule(true);
  }

  /** The worker typed: check soon. */
  input() {
    this.#lastInputAt = performance.now();
    this.schedule(false);
  }

  get lastInputAt() {
    return this.#lastInputAt;
  }

  requestFrame() {
    if (this.#frame || !this.#field.ready()) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#onFrame();
    });
  }

  /** An edit or a context change: check in the worker now, or here on the next frame. */
  schedule(force) {
    if (!this.#field.ready()) return;
    this.#wanted = true;
    if (force) this.#force = true;
    if (this.#worker) this.#post();
    this.requestFrame();
  }

  #onFrame() {
    if (!this.#field.ready()) return;
    const field = this.#field;
    const text = field.textarea.value;
    const shown = field.shown();
    if (this.#worker) {
      // The check is in the worker: keep the underlines on the words they
      // belong to until its report arrives. The mirror's text is written
      // before the layout is read (sync), so the frame lays out once.
      if (text !== shown.mirrorText) field.preview(text, mapSegments(shown.segments, diffRange(shown.mirrorText ?? '', text)));
      field.sync();
      if (this.#inflight && performance.now() - this.#inflight.started > STALE_AFTER) {
        field.stale(true);
        this.requestFrame();
      }
    } else {
      field.sync();
      if (this.#wanted) {
        const now = performance.now();
        const cheap = this.lastCost <= FRAME_BUDGET;
        const pause = Math.min(Math.max(2 * this.lastCost, 50), 1000);
        const quiet = now - this.#lastInputAt >= pause;
        const starved = now - this.#lastCheckAt >= Math.max(2000, 8 * this.lastCost);
        if (this.#force || cheap || quiet || starved) {
          this.run(false);
        } else {
          field.preview(text, mapSegments(shown.segments, diffRange(shown.mirrorText ?? '', text)));
          field.stale(true);
          clearTimeout(this.#delay);
          this.#delay = setTimeout(() => this.requestFrame(), Math.max(0, pause - (now - this.#lastInputAt)) + 1);
        }
      } else if (text !== shown.text) {
        this.schedule(false);
      } else {
        field.settled();
      }
    }
    field.frameDone();
  }

  /** Posts the note to the worker, unless a check is already out (its reply brings the next). */
  #post() {
    if (this.#inflight || !this.#worker || !this.#field.ready()) return;
    const field = this.#field;
    const text = field.textarea.value;
    const context = field.context();
    const key = JSON.stringify(context);
    const force = this.#force;
    this.#wanted = false;
    this.#force = false;
    const shown = field.shown();
    if (!force && text === shown.text && key === shown.key) return;
    const policy = field.policy();
    const { id, result } = this.#worker.check(text, context, { key: policy.key, source: policy.source });
    const inflight = { id, text, key, policy, started: performance.now() };
    this.#inflight = inflight;
    const mine = () => this.#inflight === inflight && field.ready();
    result.then((report) => {
      if (!mine()) return;
      this.#inflight = null;
      this.#reply(inflight, report);
    }, () => {
      if (!mine()) return;
      this.#inflight = null;
      // A malformed context: the page's own checker checks without the
      // field at fault, as it would have. (A worker that died has been
      // replaced by the page's thread already.)
      this.run(true);
    });
  }

  #reply({ text, key, policy, started }, report) {
    const field = this.#field;
    const current = field.textarea.value;
    const cost = performance.now() - started;
    this.lastCost = cost;
    this.#lastCheckAt = performance.now();
    if (policy === field.policy() && text === current && key === JSON.stringify(field.context())) {
      field.accept({ text, report, key, cost, error: null, via: 'worker' });
      if (this.#wanted) this.#post();
      return;
    }
    // The note changed while it was checked: its underlines, moved with the
    // edit (never over changed words), and the next check at once.
    if (policy === field.policy()) {
      const segments = segmentsOf(text.trim() ? activeFindings(report.findings, field.shown().dismissed) : []);
      field.preview(current, mapSegments(segments, diffRange(text, current)));
    }
    this.#wanted = true;
    this.#force = true;
    this.#post();
  }

  /** Checks the note here, now, and shows the result: nothing shown is older than the text. */
  run(force) {
    const field = this.#field;
    if (!field.ready()) return;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    clearTimeout(this.#delay);
    // A check out in the worker is older than this one: its reply is dropped.
    this.#inflight = null;
    this.#wanted = false;
    this.#force = false;
    field.sync();
    const text = field.textarea.value;
    const context = field.context();
    const key = JSON.stringify(context);
    const shown = field.shown();
    if (!force && text === shown.text && key === shown.key) {
      field.stale(false);
      field.settled();
      return;
    }
    const started = performance.now();
    let report;
    let error = null;
    try {
      report = field.policy().checker.check(text, context);
    } catch (e) {
      error = e;
      report = this.#checkWithout(text, context, e);
    }
    this.lastCost = performance.now() - started;
    this.#lastCheckAt = performance.now();
    if (report) field.accept({ text, report, key, cost: this.lastCost, error, via: 'page' });
  }

  /** A malformed context: check without the field the error names (or with no context at all). */
  #checkWithout(text, context, error) {
    const checker = this.#field.policy().checker;
    let ctx = context;
    let e = error;
    for (let i = 0; i < 4; i++) {
      const { field } = errorDetails(e);
      ctx = field ? withoutField(ctx, field) : null;
      if (!ctx) break;
      try {
        return checker.check(text, ctx);
      } catch (next) {
        e = next;
      }
    }
    try {
      return checker.check(text, undefined);
    } catch (last) {
      console.error('case-note-checker: the note could not be checked', last);
      return null;
    }
  }
}
