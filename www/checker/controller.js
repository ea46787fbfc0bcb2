// The controller: one per checked textarea, and the object attachChecker
// returns. It owns the field's state (context, dismissals, the report
// shown), builds the overlay and the panel, hands checks to the check loop
// (checking.js: in the worker or on the page's thread), and carries out
// what the worker asks of the panel.

import { loadEngine, loadPolicy, policyKey } from './engine.js';
import { CheckLoop } from './checking.js';
import { countsDown, errorDetails, mergeContext, withRecordedNow } from './context.js';
import { dispatch } from './events.js';
import { activeFindings, cueText, dismissKey, findAgain, keyFindings } from './findings.js';
import { FieldOverlay } from './overlay.js';
import { Panel } from './panel.js';
import { replaceAsTyped } from './dom.js';
import { sameSegments, segmentsOf } from './segments.js';
import { localStamp } from './time.js';

let sequence = 0;

export class CaseNoteChecker extends EventTarget {
  #options;
  #id = `cnc-${++sequence}`;
  #state = 'loading';
  #policy = null;
  #ctx = {};
  #dismissed = new Map();
  #report = null;
  #renderedText = null;
  #renderedKey = null;
  #errorSig = 'none';
  #cleanups = [];
  #mirrorText = null;
  #mirrorSegments = [];
  #activeSegments = [];
  #firedSig = null;
  #overlay = null;
  #panel = null;
  #loop;
  #keyed = new Map();
  #keyedText = null;
  #savedDescribedBy = null;
  #settled = null;
  /** The textarea checked. */
  textarea;
  /** Resolves true once checking, false if the checker could not load (the field is then untouched). */
  ready;

  constructor(textarea, options = {}) {
    super();
    this.textarea = textarea;
    this.#options = { headingLevel: 3, recordedAtNow: true, showContextErrors: true, locale: 'en-GB', worker: true, ...options };
    this.#ctx = mergeContext({}, options.context ?? {}, true);
    for (const d of options.dismissed ?? []) if (d && typeof d.rule === 'string') this.#dismissed.set(dismissKey(d.rule, d.text ?? ''), { rule: d.rule, text: d.text ?? '' });
    this.#loop = new CheckLoop({
      textarea,
      ready: () => this.#state === 'ready',
      policy: () => this.#policy,
      context: () => this.effectiveContext(),
      shown: () => ({ text: this.#renderedText, key: this.#renderedKey, mirrorText: this.#mirrorText, segments: this.#mirrorSegments, dismissed: this.#dismissed }),
      accept: (result) => this.#accept(result),
      preview: (text, segments) => this.#drawMirror(text, segments),
      stale: (stale) => this.#panel?.setStale(stale),
      sync: () => this.#overlay.sync(),
      settled: () => this.#drawMirror(this.textarea.value, this.#activeSegments),
      frameDone: () => this.#overlay.syncScroll(),
    });
    this.ready = this.#start();
  }

  // --- public API --------------------------------------------------------------

  /** "loading" | "ready" | "unavailable" | "detached" */
  get state() { return this.#state; }

  /** Where checks run now: "worker", "page" (the page's own thread), or null when not checking. */
  get checkingIn() { return this.#state === 'ready' ? (this.#loop.worker ? 'worker' : 'page') : null; }

  /** Resolves, once it is decided, to where checks run: "worker", "page", or null if the checker is not checking. */
  get checkingSettled() { return this.ready.then(() => this.#settled ?? this.checkingIn); }

  /** How long the last check took, in ms (in the worker: from posting the note to its report). */
  get lastCost() { return this.#loop.lastCost; }

  /** True while an edit or a context change has not been checked and shown yet. */
  get pending() {
    return this.#state === 'ready' && (this.textarea.value !== this.#renderedText || this.#loop.pending || Boolean(this.#panel?.pending));
  }

  /** The latest report (exactly as the checker returns it), or null before the first check. */
  report() { return this.#report; }

  /** What is underlined in the note now: `[{start, end, severity}]` (UTF-16, overlaps merged, strongest severity). */
  highlights() { return this.#mirrorSegments.map(({ start, end, severity }) => ({ start, end, severity })); }

  /** The latest report's findings less the dismissed ones. */
  findings() { return this.#report ? activeFindings(this.#report.findings, this.#dismissed) : []; }

  /** Checks the note now, on the page's thread (after setting `textarea.value` from script, say), and returns the report. */
  refresh() {
    if (this.#state === 'ready') this.#loop.run(true);
    return this.#report;
  }

  /** Checks any text with this field's policy, on the page's thread: throws on a malformed context, as the checker does. */
  check(text, context) {
    if (!this.#policy) throw new Error('the checker has not loaded');
    return this.#policy.checker.check(text, context);
  }

  /** The context as it is now. */
  context() { return structuredClone(this.#ctx); }

  /** The context the checker is given: the context, with now as the recorded time when none is given. */
  effectiveContext() {
    return withRecordedNow(this.#ctx, localStamp(this.#now()), this.#options.recordedAtNow);
  }

  /**
   * Updates the context: `{event_at: '…'}` changes that field, `null` or
   * `undefined` removes one; `child` and `equality` merge field by field
   * (an equality field set to "" means the form's field is empty). With
   * `{replace: true}` the context becomes exactly `partial`.
   */
  setContext(partial = {}, { replace = false } = {}) {
    this.#ctx = mergeContext(this.#ctx, partial, replace);
    this.#loop.schedule(true);
  }

  /** Switches policy: `{policy}` (object or JSON text), `{policyUrl}`, or `{}` for the built-in one. */
  async setPolicy({ policy, policyUrl } = {}) {
    this.#options.policy = policy;
    this.#options.policyUrl = policyUrl;
    const wanted = policyKey({ policy, policyUrl });
    const loaded = await loadPolicy({ policy, policyUrl, moduleUrl: this.#options.moduleUrl });
    // A later switch wins over an earlier one that finished after it.
    if (policyKey({ policy: this.#options.policy, policyUrl: this.#options.policyUrl }) !== wanted || this.#state === 'detached') return false;
    this.#policy = loaded;
    this.#panel?.list.invalidate();
    this.#renderedKey = null;
    this.#loop.run(true);
    this.#emit('policy-changed', { name: loaded.name, rules: loaded.rules });
    return true;
  }

  /** The policy's name, its rules (RuleInfo[]) and standards, once loaded. */
  policyInfo() {
    if (!this.#policy) return null;
    const { name, rules, standards, categoryNames } = this.#policy;
    return { name, rules, standards: Object.fromEntries(standards), categoryNames: { ...categoryNames } };
  }

  /** Dismissed findings, `[{rule, text}]`: store them with the draft and pass them back as `options.dismissed`. */
  dismissals() { return [...this.#dismissed.values()].map((d) => ({ ...d })); }

  /** Hides every finding of `rule` about `text` (the flagged words; "" for a note-wide finding). */
  dismiss(rule, text = '') {
    this.#dismissed.set(dismissKey(rule, text), { rule, text });
    this.#afterDismissalChange();
  }

  /** Shows a dismissed finding again. */
  undismiss(rule, text = '') {
    this.#dismissed.delete(dismissKey(rule, text));
    this.#afterDismissalChange();
  }

  /** Reports a problem in how the host set the checker up (a mapped form field that is missing, say): on the console and as an `error` event. */
  reportError(detail) {
    console.error(`case-note-checker: ${detail.message}`);
    this.#emit('error', detail);
  }

  /** Removes everything the checker added and leaves the textarea as it was. */
  detach() {
    if (this.#state === 'detached') return;
    const wasReady = this.#state === 'ready';
    this.#state = 'detached';
    this.#loop.stop();
    for (const fn of this.#cleanups.splice(0)) fn();
    if (wasReady) {
      this.#overlay.remove();
      if (this.#savedDescribedBy === null) this.textarea.removeAttribute('aria-describedby');
      else this.textarea.setAttribute('aria-describedby', this.#savedDescribedBy);
      this.#panel?.remove();
    }
    this.#emit('detached', null);
  }

  // --- loading -------------------------------------------------------------------

  async #start() {
    const { policy, policyUrl, moduleUrl } = this.#options;
    try {
      this.#policy = await loadPolicy({ policy, policyUrl, moduleUrl });
    } catch (error) {
      if (this.#state === 'detached') return false;
      this.#state = 'unavailable';
      console.warn('case-note-checker: could not load the checker; the field works without it.', error);
      if (this.#options.panel instanceof Element) Panel.showUnavailable(this.#options.panel);
      this.#emit('unavailable', { error });
      return false;
    }
    if (this.#state === 'detached') return false;
    this.#enhance();
    this.#state = 'ready';
    this.#loop.run(true);
    this.#panel?.markAnnounced();
    this.#emit('ready', { name: this.#policy.name });
    // Checks move to the worker once it has started; until then, and if it
    // cannot start or stops, they run on the page's thread.
    this.#settled = this.#placeChecks();
    return true;
  }

  async #placeChecks() {
    if (this.#options.worker === false) return 'page';
    // A worker whose module is another version (a stale cached script) is not used.
    const mod = await loadEngine(this.#options.moduleUrl);
    return this.#loop.useWorker({ url: this.#options.workerUrl, expectVersion: mod.version?.() ?? null }, (error) => {
      console.warn('case-note-checker: the worker stopped; checking on the page’s own thread from now on.', error);
      this.#emit('error', { kind: 'worker', message: String(error?.message ?? error), field: null, problems: [] });
    });
  }

  #enhance() {
    const ta = this.textarea;
    const doc = ta.ownerDocument;
    const view = doc.defaultView;
    this.#overlay = new FieldOverlay(ta, { highlightApi: this.#options.highlightApi, onChange: () => this.#loop.requestFrame() });
    const host = this.#options.panel;
    if (host !== false) {
      this.#panel = new Panel({
        id: this.#id, host: host instanceof Element ? host : null, after: this.#overlay.wrap,
        headingLevel: this.#options.headingLevel, onAction: (action, data) => this.#onAction(action, data),
        typing: () => (doc.activeElement === ta ? performance.now() - this.#loop.lastInputAt : Infinity),
      });
      // The summary describes the field.
      this.#savedDescribedBy = ta.getAttribute('aria-describedby');
      const ids = (this.#savedDescribedBy ?? '').split(/\s+/).filter(Boolean);
      ta.setAttribute('aria-describedby', [...ids, this.#panel.summaryId].join(' '));
    }
    const on = (target, type, fn, opts) => {
      target.addEventListener(type, fn, opts);
      this.#cleanups.push(() => target.removeEventListener(type, fn, opts));
    };
    on(ta, 'input', () => this.#loop.input());
    on(ta, 'scroll', () => this.#overlay.syncScroll(), { passive: true });
    on(ta, 'focus', () => this.#loop.requestFrame());
    on(ta, 'blur', () => this.#loop.requestFrame());
    if (ta.form) on(ta.form, 'reset', () => setTimeout(() => this.#loop.schedule(true)));
    on(view, 'resize', () => this.#overlay.requestLayout());
    if (doc.fonts) on(doc.fonts, 'loadingdone', () => this.#overlay.requestLayout());
    on(doc, 'visibilitychange', () => { if (!doc.hidden) this.#loop.tick(); });
    if (this.#panel) for (const type of ['pointerup', 'pointercancel']) on(doc, type, () => this.#panel.pointerUp(), true);
  }

  // --- showing a report ------------------------------------------------------------

  /** A report for the text now in the field: shown, and announced to listeners. */
  #accept({ text, report, key, cost, error, via }) {
    this.#renderedKey = key;
    this.#setContextError(error);
    const highlightsChanged = this.#render(text, report);
    this.#loop.armClock(countsDown(this.#ctx, this.#options.recordedAtNow), this.#now());
    this.#emit('checked', { report, text, context: JSON.parse(key), cost, error, via, highlightsChanged });
  }

  #render(text, report) {
    this.#renderedText = text;
    this.#report = report;
    const blank = text.trim() === '';
    const active = blank ? [] : this.findings();
    const segments = segmentsOf(active);
    // Underlines already drawn where the report puts them (moved with the
    // edit while it was checked) are left alone: nothing to repaint.
    const changed = text !== this.#mirrorText || !sameSegments(segments, this.#mirrorSegments);
    this.#activeSegments = changed ? segments : this.#mirrorSegments;
    this.#drawMirror(text, this.#activeSegments);
    const keyed = keyFindings(report.findings, this.#dismissed);
    this.#keyed = new Map(keyed.map((k) => [k.key, k.finding]));
    this.#keyedText = text;
    this.#panel?.update({
      text, report, active, keyed, dismissals: this.dismissals(), policy: this.#policy, context: this.#ctx, now: this.#now(),
      locale: this.#options.locale, editable: !this.textarea.readOnly && !this.textarea.disabled, ruleHref: this.#options.ruleHref,
    });
    const sig = JSON.stringify([report, this.dismissals()]);
    if (sig !== this.#firedSig) {
      this.#firedSig = sig;
      this.#emit('findings-changed', report, true);
    }
    return changed;
  }

  #drawMirror(text, segments) {
    if (text === this.#mirrorText && segments === this.#mirrorSegments) return;
    this.#overlay.mirror.render(text, segments);
    this.#mirrorText = text;
    this.#mirrorSegments = segments;
  }

  #setContextError(error) {
    const details = error ? errorDetails(error) : null;
    const sig = details ? `${details.field}|${details.message}` : null;
    const label = details?.field ? this.#options.fieldLabel?.(details.field) ?? null : null;
    this.#panel?.renderError(details, { show: this.#options.showContextErrors, label });
    if (sig === this.#errorSig) return;
    const first = this.#errorSig === 'none';
    this.#errorSig = sig;
    if (first && !details) return;
    this.#emit('context-error', details && { error, ...details });
    if (details) this.#emit('error', { kind: 'context', error, ...details });
  }

  #now() {
    return typeof this.#options.now === 'function' ? this.#options.now() : new Date();
  }

  // --- what the panel's buttons do --------------------------------------------------

  #onAction(action, data) {
    if (action === 'locate') {
      const f = this.#findingFor(data.cncKey);
      if (f?.span) this.#select(f.span);
    } else if (action === 'apply') {
      this.#apply(data.cncKey, data.cncWords);
    } else if (action === 'dismiss') {
      this.#dismissByKey(data.cncKey);
    } else if (action === 'restore') {
      this.undismiss(data.cncRule, data.cncText);
      this.#panel.say(`Restored. ${this.#panel.counts}.`);
    } else if (action === 'more') {
      const limits = this.#panel.list.limits;
      limits.set(data.cncRule, (limits.get(data.cncRule) ?? 50) + 50);
      this.#loop.run(true);
    } else if (action === 'evidence') {
      if (this.textarea.value !== this.#renderedText) this.#loop.run(true);
      const report = this.#report;
      const p = data.cncEvidence === 'professional opinion' ? report?.opinion : report?.child_voice;
      if (p?.evidence?.length) {
        this.#select(p.evidence[0]);
        const why = cueText(p);
        if (why) this.#panel.say(`Selected in the note: ${why}.`);
      }
    }
  }

  /** The finding a panel button was drawn for, in the report for the text as it is now. */
  #findingFor(key) {
    const before = this.#keyed.get(key);
    const listText = this.#keyedText;
    if (this.textarea.value !== this.#renderedText) this.#loop.run(true);
    return before ? findAgain(before, listText, this.#renderedText, this.#report.findings) : null;
  }

  /** Selects a span in the textarea and scrolls it into view. */
  #select(span) {
    this.textarea.focus({ preventScroll: false });
    this.textarea.setSelectionRange(span.start, span.end);
    this.#scrollToSpan(span);
  }

  #scrollToSpan(span) {
    if (this.#mirrorText !== this.textarea.value) this.#drawMirror(this.textarea.value, this.#activeSegments);
    this.#overlay.scrollToSpan(span);
  }

  /** Replaces a finding's words with a suggestion, as an edit the browser can undo (Ctrl+Z). */
  #apply(key, words) {
    const f = this.#findingFor(key);
    const ta = this.textarea;
    if (!f?.span || ta.value.substring(f.span.start, f.span.end) !== f.text) {
      this.#panel.say('The note has changed; that finding is no longer there.');
      return;
    }
    const { start, end } = f.span;
    replaceAsTyped(ta, start, end, words);
    this.#loop.run(true);
    this.#scrollToSpan({ start, end: start + words.length });
    this.#panel.say(`Replaced “${f.text}” with “${words}”. Press Control+Z in the note to undo.`);
    this.#emit('suggestion-applied', { rule: f.rule, text: f.text, replacement: words, start });
  }

  #dismissByKey(key) {
    const f = this.#keyed.get(key);
    if (!f) return;
    // Focus moves to the next finding before this one disappears.
    const nextKey = this.#panel.list.keyAfter(this.#panel.root, key);
    this.#dismissed.set(dismissKey(f.rule, f.text), { rule: f.rule, text: f.text });
    this.#afterDismissalChange(nextKey ?? null);
    this.#panel.say(`Dismissed${f.text ? ` “${f.text}”` : ''}. ${this.#panel.counts}.`);
  }

  #afterDismissalChange(focusNextKey) {
    this.#emit('dismissals-changed', this.dismissals());
    if (this.#state !== 'ready' || !this.#report) return;
    const root = this.#panel?.root;
    const hadFocus = root?.contains(document.activeElement);
    // Never draw the last report over text that has changed since it.
    if (this.textarea.value !== this.#renderedText) this.#loop.run(true);
    else this.#render(this.#renderedText, this.#report);
    this.#panel?.renderListNow();
    if (hadFocus && focusNextKey !== undefined) {
      const next = focusNextKey && root.querySelector(`.cnc-finding[data-cnc-key="${CSS.escape(focusNextKey)}"] [data-cnc-focus]`);
      (next ?? root.querySelector('.cnc-finding [data-cnc-focus]') ?? this.#panel.findingsHeading).focus();
    }
  }

  /** Dispatches an event (and its deprecated alias) on the controller, and on the textarea when `onField`, bubbling. */
  #emit(name, detail, onField = false) {
    const targets = [[this, false]];
    if (onField) targets.push([this.textarea, true]);
    dispatch(targets, name, detail);
    this.#options.onEvent?.(name, detail);
  }
}
