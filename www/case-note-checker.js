// case-note-checker: live guidance on a case note, added to an existing
// <textarea> in a case system's form.
//
//   import { attachChecker } from './case-note-checker.js';
//   const checker = attachChecker(document.getElementById('note'), {
//     context: { event: 'statutory_visit', event_at: '2026-11-23T10:00' },
//   });
//   checker.addEventListener('findings-changed', (e) => console.log(e.detail));
//
// or, with no script of your own:
//
//   <textarea id="note" name="note"></textarea>
//   <case-note-checker for="note" data-event="statutory_visit" data-event-at="2026-11-23T10:00"></case-note-checker>
//
// The textarea stays the form's field: its name, value, validation and
// submission are untouched, and if the checker cannot load it works exactly
// as before. The note is checked in this page by a WebAssembly module, loaded
// once per page; nothing is sent anywhere. User text only ever reaches the
// page as text (textContent and text nodes), never as HTML. Styles are set
// through classes and the CSSOM, so a strict Content-Security-Policy without
// 'unsafe-inline' is enough. Style it with the --cnc-* custom properties in
// case-note-checker.css.

const PKG_URL = new URL('./pkg/case_note_checker.js', import.meta.url).href;

const SEVERITIES = ['error', 'warning', 'advice'];
const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', advice: 'Advice' };
const AREAS = ['ethnicity', 'race', 'culture', 'gender', 'age', 'religion', 'language', 'communication',
  'sensory_impairment', 'disability', 'sexual_orientation'];
const CONTEXT_FIELDS = ['context.event', 'context.event_at', 'context.recorded_at', 'context.child.name', 'context.child.age_years'];
/** How long typing must pause before the live region speaks. */
const ANNOUNCE_DELAY = 1500;
/** A check that takes longer than this (ms) no longer runs on every frame. */
const FRAME_BUDGET = 12;
/** While the worker types, the list of findings waits for a pause this long (ms) before it is redrawn. */
const LIST_IDLE = 600;
/** Findings listed per rule before a "show more" button. */
const LIST_LIMIT = 50;

// --- the engine: one module per page, one Checker per policy ----------------

let engine = null;

/**
 * Loads the WebAssembly checker once per page. Later calls return the same
 * promise, whatever URL they pass.
 */
export function loadEngine(moduleUrl = PKG_URL) {
  if (!engine) {
    engine = import(moduleUrl).then(async (mod) => {
      await mod.default();
      return mod;
    });
  }
  return engine;
}

const policies = new Map();
let defaultPolicyDoc = null;

function policyKey({ policy, policyUrl }) {
  if (policyUrl) return `url:${new URL(policyUrl, document.baseURI).href}`;
  if (policy === undefined || policy === null) return 'builtin';
  return `json:${typeof policy === 'string' ? policy : JSON.stringify(policy)}`;
}

/**
 * The compiled checker for a policy, built once per page and shared by every
 * field that uses that policy: `{ checker, rules, rule(id), name, categoryNames, standards }`.
 */
export function loadPolicy({ policy, policyUrl, moduleUrl } = {}) {
  const key = policyKey({ policy, policyUrl });
  let entry = policies.get(key);
  if (!entry) {
    entry = (async () => {
      const mod = await loadEngine(moduleUrl);
      let source = policy;
      if (policyUrl) {
        const response = await fetch(new URL(policyUrl, document.baseURI), { credentials: 'same-origin' });
        if (!response.ok) throw new Error(`policy ${policyUrl}: HTTP ${response.status}`);
        source = await response.text();
      }
      const checker = new mod.Checker(source ?? undefined);
      const rules = checker.rules();
      const byId = new Map(rules.map((r) => [r.id, r]));
      // The names of the recording-timescale categories come from the
      // policy document: the built-in one, with the custom one's over it.
      defaultPolicyDoc ??= JSON.parse(mod.Checker.defaultPolicy());
      const own = source === undefined || source === null ? {} : typeof source === 'string' ? JSON.parse(source) : source;
      const categoryNames = { ...defaultPolicyDoc.category_names, ...(own.category_names ?? {}) };
      const standards = new Map();
      for (const [n, text] of Object.entries({ ...defaultPolicyDoc.standards, ...(own.standards ?? {}) })) standards.set(Number(n), text);
      for (const r of rules) if (r.standard !== null && r.standard_text) standards.set(r.standard, r.standard_text);
      return { key, checker, rules, rule: (id) => byId.get(id), name: checker.policyName(), categoryNames, standards };
    })();
    policies.set(key, entry);
    // A policy that failed (a typo in a URL, a broken file) can be tried again.
    entry.catch(() => { if (policies.get(key) === entry) policies.delete(key); });
  }
  return entry;
}

// --- small helpers ------------------------------------------------------------

let sequence = 0;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.append(document.createTextNode(text));
  return node;
}

function button(className, text, label) {
  const b = el('button', className, text);
  b.type = 'button';
  if (label) b.setAttribute('aria-label', label);
  return b;
}

/**
 * Sets an element's text, changing its one text node in place: Chromium
 * ends the textarea's current undo step whenever a node is inserted or
 * removed anywhere in the page, so updates made while typing avoid that.
 */
function setText(node, text) {
  const only = node.childNodes.length === 1 ? node.firstChild : null;
  if (only && only.nodeType === Node.TEXT_NODE) {
    if (only.data !== text) only.data = text;
  } else if (node.textContent !== text || node.childNodes.length !== 1) {
    node.replaceChildren(document.createTextNode(text));
  }
}

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const capitalise = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** "a statutory visit (within 72 hours)" → "Statutory visit (within 72 hours)". */
function categoryLabel(names, category) {
  const name = names?.[category];
  if (!name) return capitalise(String(category).replace(/_/g, ' '));
  return capitalise(name.replace(/^(a|an)\s+/i, ''));
}

/** A local wall-clock "YYYY-MM-DDTHH:MM" as a Date, or null. */
function parseLocal(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value ?? '');
  return m ? new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) : null;
}

/** A Date as local wall-clock "YYYY-MM-DDTHH:MM". */
export function localStamp(date) {
  const p = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}

/** Whole minutes as "3 d 4 h", "3 h 20 min" or "40 min". */
export function formatDuration(minutes) {
  const m = Math.max(0, Math.floor(minutes));
  if (m >= 1440) {
    const d = Math.floor(m / 1440);
    const h = Math.floor((m % 1440) / 60);
    return h ? `${d} d ${h} h` : `${d} d`;
  }
  if (m >= 60) {
    const h = Math.floor(m / 60);
    const rest = m % 60;
    return rest ? `${h} h ${rest} min` : `${h} h`;
  }
  return `${m} min`;
}

/** The countdown to a due time: "due in 3 h 20 min", "due now", "overdue by 40 min". */
export function countdown(due, now) {
  const dueAt = parseLocal(due);
  if (!dueAt) return null;
  const nowMinute = new Date(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours(), now.getMinutes());
  const minutes = Math.round((dueAt - nowMinute) / 60000);
  if (minutes > 0) return { overdue: false, text: `due in ${formatDuration(minutes)}`, minutes };
  if (minutes === 0) return { overdue: false, text: 'due now', minutes };
  return { overdue: true, text: `overdue by ${formatDuration(-minutes)}`, minutes };
}

/** The part of two texts that differs: `[prefix, oldEnd, newEnd]`. */
function diffRange(before, after) {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return [prefix, before.length - suffix, after.length - suffix];
}

/** Moves a span through an edit, or null if the edit touched it. */
function mapSpan(span, [prefix, oldEnd, newEnd]) {
  if (span.end <= prefix) return span;
  if (span.start >= oldEnd) return { start: span.start + newEnd - oldEnd, end: span.end + newEnd - oldEnd };
  return null;
}

const dismissKey = (rule, text) => `${rule}\u001f${text}`;

/**
 * Whether a suggestion is words to put in place of the flagged ones, and
 * which words: "social worker" is; "seemed (then say what you saw or heard)"
 * is "seemed" with a note; "describe what happened: …", templates with "…"
 * and placeholders such as "the child's name" are guidance, shown as text.
 */
function replacementFor(suggestion, context) {
  let words = suggestion.trim();
  let note = null;
  const paren = /^(.*\S)\s+\(([^()]*)\)$/.exec(words);
  if (paren) [, words, note] = paren;
  if (/[…:;[\]]|\.\.\./.test(words) || /^(say|describe|name|add|record|use)\b/i.test(words)) return null;
  const first = String(context?.child?.name ?? '').trim().split(/\s+/)[0];
  if (/\bname\b/i.test(words)) {
    if (/^(the child's|their) name$/i.test(words) && first) return { words: first, note };
    return null;
  }
  // "the child's home" reads better as "Tyler's home" when the form names the child.
  if (first) words = words.replace(/\bthe child's\b/gi, `${first}'s`);
  return { words, note };
}

/** A replacement at the start of a sentence starts with a capital, as the flagged words did. */
function fitReplacement(words, text, start) {
  const before = text.slice(Math.max(0, start - 3), start);
  const sentenceStart = start === 0 || /(^|[.!?]\s+|\n\s*)$/.test(before);
  const flagged = text[start] ?? '';
  if (sentenceStart && flagged !== flagged.toLowerCase()) return words[0].toUpperCase() + words.slice(1);
  return words;
}

// --- the mirror: the note's text, laid out exactly as in the textarea --------

const COPIED_STYLES = [
  'direction', 'writing-mode', 'text-orientation', 'unicode-bidi',
  'font-family', 'font-size', 'font-style', 'font-weight', 'font-stretch', 'font-kerning', 'font-feature-settings',
  'font-variation-settings', 'font-optical-sizing', 'font-size-adjust', 'font-variant-ligatures', 'font-variant-caps',
  'font-variant-numeric', 'font-variant-east-asian', 'font-variant-alternates', 'font-variant-position',
  'font-synthesis-weight', 'font-synthesis-style', 'font-synthesis-small-caps', 'font-palette', 'text-rendering',
  '-webkit-font-smoothing', 'line-height', 'letter-spacing', 'word-spacing', 'tab-size', 'text-align',
  'text-align-last', 'text-transform', 'text-autospace', 'text-spacing-trim', 'hyphens', 'hyphenate-character',
  'word-break', 'line-break', 'overflow-wrap', 'white-space-collapse', 'text-wrap-mode', 'text-wrap-style',
  'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width',
  'border-top-style', 'border-right-style', 'border-bottom-style', 'border-left-style',
  'border-top-left-radius', 'border-top-right-radius', 'border-bottom-right-radius', 'border-bottom-left-radius',
];
const BACKGROUND_STYLES = ['background-color', 'background-image', 'background-position', 'background-size',
  'background-repeat', 'background-origin', 'background-clip', 'background-attachment'];

/** What of a field's computed style decides where its text goes. */
const layoutPrint = (cs) => [cs.font, cs.letterSpacing, cs.wordSpacing, cs.padding, cs.borderWidth, cs.direction,
  cs.textIndent, cs.textAlign, cs.whiteSpace, cs.tabSize, cs.writingMode, cs.textTransform, cs.wordBreak, cs.overflowWrap].join('|');

/** Sets inline styles through the CSSOM (which a CSP without 'unsafe-inline' allows). */
function setStyles(node, styles, priority = '') {
  for (const [name, value] of Object.entries(styles)) {
    if (value === null || value === undefined || value === '') node.style.removeProperty(name);
    else if (node.style.getPropertyValue(name) !== String(value) || node.style.getPropertyPriority(name) !== priority) node.style.setProperty(name, value, priority);
  }
}

/**
 * Highlight segments from findings: where spans overlap, the strongest
 * severity shows; `{start, end, severity, count}` in text order.
 */
function segmentsOf(findings) {
  const edges = [];
  for (const f of findings) {
    if (!f.span || f.span.end <= f.span.start) continue;
    edges.push([f.span.start, 1, f.severity], [f.span.end, -1, f.severity]);
  }
  if (!edges.length) return [];
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const active = { error: 0, warning: 0, advice: 0 };
  const out = [];
  let at = edges[0][0];
  for (const [pos, delta, severity] of edges) {
    if (pos > at) {
      const count = active.error + active.warning + active.advice;
      if (count) {
        const sev = active.error ? 'error' : active.warning ? 'warning' : 'advice';
        const last = out[out.length - 1];
        if (last && last.end === at && last.severity === sev && last.count === count) last.end = pos;
        else out.push({ start: at, end: pos, severity: sev, count });
      }
      at = pos;
    }
    active[severity] += delta;
  }
  return out;
}

/** The shared highlights, one per severity, in the page's CSS.highlights registry (when the browser has it). */
const HIGHLIGHTS = typeof CSS !== 'undefined' && CSS.highlights && typeof Highlight === 'function';
let registry = null;
function sharedHighlights() {
  if (!registry) {
    registry = {};
    for (const [severity, priority] of [['advice', 1], ['warning', 2], ['error', 3]]) {
      const name = `cnc-${severity}`;
      const h = CSS.highlights.get(name) ?? new Highlight();
      h.priority = priority;
      CSS.highlights.set(name, h);
      registry[severity] = h;
    }
  }
  return registry;
}

/**
 * The note's text laid out exactly as in the textarea: one block, as the
 * textarea's own text is, so wrapping and fractional line heights add up
 * the same. Two ways to underline:
 *
 * - RangeMirror (browsers with the CSS Custom Highlight API): the whole note
 *   is one text node, edited with replaceData() where it changed, and the
 *   underlines are Ranges in CSS.highlights. Typing never inserts or removes
 *   a node, so the browser's undo history groups typing as it does without
 *   the checker (Chromium ends an undo step at any node insertion in the
 *   page), and the browser keeps the layout of the text that did not change.
 * - SpanMirror (elsewhere): a span a line, rebuilt where its text or its
 *   underlines changed, with underlines as spans.
 */
/** Text nodes of a RangeMirror: about this many characters, split only after a newline. */
const CHUNK = 4096;
const CHUNK_MAX = 4 * CHUNK;

class RangeMirror {
  constructor(content) {
    this.content = content;
    this.line = el('span', 'cnc-para');
    // Ends the last line, and gives a final empty line (after a trailing
    // newline) its height, as the textarea does.
    content.append(this.line, document.createElement('br'));
    this.chunks = []; // Text nodes; each but the last ends with "\n"
    this.starts = [];
    this.text = null;
    this.ranges = { error: [], warning: [], advice: [] };
  }

  /** Pieces of `text` of about CHUNK characters, each ending with a newline (but the last). */
  static split(text) {
    const out = [];
    let at = 0;
    while (at < text.length) {
      let cut = text.length;
      if (text.length - at > CHUNK) {
        const nl = text.indexOf('\n', at + CHUNK);
        if (nl !== -1 && nl + 1 < text.length) cut = nl + 1;
      }
      out.push(text.slice(at, cut));
      at = cut;
    }
    return out.length ? out : [''];
  }

  render(text, segments) {
    if (this.text === null) {
      this.chunks = RangeMirror.split(text).map((t) => document.createTextNode(t));
      this.line.append(...this.chunks);
    } else if (text !== this.text) {
      this.edit(text);
    }
    this.text = text;
    let at = 0;
    this.starts = this.chunks.map((c) => {
      const start = at;
      at += c.data.length;
      return start;
    });
    this.setRanges(segments);
  }

  /** Applies an edit where it happened: in one chunk, in place, where it can. */
  edit(text) {
    const [prefix, oldEnd, newEnd] = diffRange(this.text, text);
    const chunks = this.chunks;
    const last = chunks.length - 1;
    const find = (pos) => {
      let lo = 0;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.starts[mid] <= pos) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    const i = find(prefix);
    let j = oldEnd > prefix ? find(oldEnd - 1) : i;
    const delta = newEnd - oldEnd;
    const endOf = (k) => this.starts[k] + chunks[k].data.length;
    // Every chunk but the last must still end with a newline.
    while (j < last && text[endOf(j) + delta - 1] !== '\n') j++;
    if (i === j) {
      chunks[i].replaceData(prefix - this.starts[i], oldEnd - prefix, text.slice(prefix, newEnd));
    } else {
      chunks[i].data = text.slice(this.starts[i], endOf(j) + delta);
      for (const c of chunks.splice(i + 1, j - i)) c.remove();
    }
    // A chunk that grew too long (a paste) is split; an empty one goes.
    const grown = chunks[i];
    if (grown.data.length > CHUNK_MAX) {
      const parts = RangeMirror.split(grown.data).map((t) => document.createTextNode(t));
      grown.replaceWith(...parts);
      chunks.splice(i, 1, ...parts);
    } else if (!grown.data.length && chunks.length > 1) {
      grown.remove();
      chunks.splice(i, 1);
    }
  }

  /** The text node and offset of a note offset; `end` puts a boundary offset at the end of the chunk before it. */
  point(pos, end) {
    const last = this.chunks.length - 1;
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (end ? this.starts[mid] < pos : this.starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    const node = this.chunks[lo];
    return [node, Math.max(0, Math.min(pos - this.starts[lo], node.data.length))];
  }

  range(start, end) {
    const r = document.createRange();
    r.setStart(...this.point(start, false));
    r.setEnd(...this.point(end, true));
    return r;
  }

  setRanges(segments) {
    const shared = sharedHighlights();
    for (const [severity, list] of Object.entries(this.ranges)) for (const r of list) shared[severity].delete(r);
    const next = { error: [], warning: [], advice: [] };
    for (const seg of segments) {
      const r = this.range(seg.start, seg.end);
      next[seg.severity].push(r);
      shared[seg.severity].add(r);
    }
    this.ranges = next;
  }

  clear() {
    const shared = sharedHighlights();
    for (const [severity, list] of Object.entries(this.ranges)) for (const r of list) shared[severity].delete(r);
    this.ranges = { error: [], warning: [], advice: [] };
  }

  /** The client rectangle of the text from `start` to `end` (for scrolling to it). */
  rangeRect(start, end) {
    if (!this.chunks.length) return null;
    return this.range(start, end).getBoundingClientRect();
  }
}

class SpanMirror {
  constructor(content) {
    this.content = content;
    this.paras = []; // [{ text, sig, node }]
    this.end = document.createElement('br');
    content.append(this.end);
  }

  render(text, segments) {
    const lines = text.split('\n');
    const last = lines.length - 1;
    const pieces = piecesByLine(lines, segments);
    // A line's span holds its newline too: the last line's has none.
    const texts = lines.map((line, i) => (i < last ? `${line}\n` : line));
    const sigs = texts.map((t, i) => (pieces[i].length ? `${t}\u0000${pieces[i].join(';')}` : t));
    const old = this.paras;
    let head = 0;
    while (head < old.length && head < sigs.length && old[head].sig === sigs[head]) head++;
    let tail = 0;
    while (tail < old.length - head && tail < sigs.length - head && old[old.length - 1 - tail].sig === sigs[sigs.length - 1 - tail]) tail++;
    const before = old[old.length - tail]?.node ?? this.end;
    for (const p of old.slice(head, old.length - tail)) p.node.remove();
    const added = [];
    for (let i = head; i < sigs.length - tail; i++) added.push({ text: texts[i], sig: sigs[i], node: this.paragraph(lines[i], texts[i], pieces[i]) });
    if (added.length) {
      const frag = document.createDocumentFragment();
      for (const p of added) frag.append(p.node);
      this.content.insertBefore(frag, before);
    }
    this.paras = old.slice(0, head).concat(added, old.slice(old.length - tail));
  }

  paragraph(line, text, pieces) {
    const node = el('span', 'cnc-para');
    let at = 0;
    for (const [start, end, severity, count] of pieces) {
      if (start > at) node.append(line.slice(at, start));
      node.append(el('span', `cnc-hl cnc-hl--${severity}${count > 1 ? ' cnc-hl--multi' : ''}`, line.slice(start, end)));
      at = end;
    }
    if (at < text.length) node.append(text.slice(at));
    return node;
  }

  /** A DOM position for a note offset. */
  point(pos) {
    const walker = document.createTreeWalker(this.content, NodeFilter.SHOW_TEXT);
    let at = 0;
    let t;
    let last = null;
    while ((t = walker.nextNode())) {
      if (pos <= at + t.data.length) return [t, pos - at];
      at += t.data.length;
      last = t;
    }
    return last ? [last, last.data.length] : [this.content, 0];
  }

  rangeRect(start, end) {
    if (!this.paras.length) return null;
    const r = document.createRange();
    r.setStart(...this.point(start));
    r.setEnd(...this.point(end));
    return r.getBoundingClientRect();
  }

  clear() {}
}

/** Each line's part of each segment: `[start, end, severity, count]` relative to the line. */
function piecesByLine(lines, segments) {
  const pieces = new Array(lines.length);
  let pos = 0;
  let s = 0;
  for (let i = 0; i < lines.length; i++) {
    const start = pos;
    const end = pos + lines[i].length;
    while (s < segments.length && segments[s].end <= start) s++;
    const mine = [];
    for (let k = s; k < segments.length && segments[k].start < end; k++) {
      const seg = segments[k];
      mine.push([Math.max(seg.start, start) - start, Math.min(seg.end, end) - start, seg.severity, seg.count]);
    }
    pieces[i] = mine;
    pos = end + 1;
  }
  return pieces;
}

// --- the controller -------------------------------------------------------------

const attached = new WeakMap();

/**
 * Adds live checking to a textarea. Returns a controller at once; the checker
 * loads in the background (`controller.ready` resolves to true when it is
 * checking, false if it could not load, in which case nothing on the page is
 * changed).
 *
 * Options (all optional):
 * - `context`: the CheckContext (event, event_at, recorded_at, child, equality).
 * - `policy` (object or JSON text) or `policyUrl` (same origin): the council's policy.
 * - `panel`: the element to show guidance in, or `false` for highlights only;
 *   by default a panel is added after the field.
 * - `dismissed`: `[{rule, text}]` dismissals to restore (from `dismissals()`).
 * - `headingLevel`: level of the panel's headings (default 3).
 * - `recordedAtNow`: with no `recorded_at`, use the current local time (default true).
 * - `showContextErrors`: say in the panel when the context is malformed (default true).
 * - `ruleHref(id)`: a link for "more about this rule".
 * - `moduleUrl`: where the wasm-bindgen module is (default ./pkg/case_note_checker.js).
 * - `now()`: the current time (default `new Date()`).
 */
export function attachChecker(textarea, options = {}) {
  if (!(textarea instanceof HTMLTextAreaElement)) throw new TypeError('attachChecker: the first argument must be a <textarea>');
  const existing = attached.get(textarea);
  if (existing) return existing;
  const controller = new CaseNoteChecker(textarea, options);
  attached.set(textarea, controller);
  return controller;
}

class CaseNoteChecker extends EventTarget {
  constructor(textarea, options) {
    super();
    this.textarea = textarea;
    this.options = { headingLevel: 3, recordedAtNow: true, showContextErrors: true, locale: 'en-GB', ...options };
    this.id = `cnc-${++sequence}`;
    this.state = 'loading';
    this.policy = null;
    this.ctx = {};
    this.setContext(options.context ?? {}, { replace: true, quiet: true });
    this.dismissed = new Map();
    for (const d of options.dismissed ?? []) if (d && typeof d.rule === 'string') this.dismissed.set(dismissKey(d.rule, d.text ?? ''), { rule: d.rule, text: d.text ?? '' });
    this.lastReport = null;
    this.renderedText = null;
    this.renderedKey = null;
    this.contextError = null;
    this.lastCost = 0;
    this.lastCheckAt = 0;
    this.lastInputAt = 0;
    this.frame = 0;
    this.delayTimer = 0;
    this.minuteTimer = 0;
    this.announceTimer = 0;
    this.announced = null;
    this.openWhy = new Set();
    this.limits = new Map();
    this.listSig = null;
    this.firedSig = null;
    this.cleanups = [];
    this.mirrorText = null;
    this.mirrorSegments = [];
    this.ready = this.start();
  }

  // --- public API ---------------------------------------------------------------

  /** The latest report (exactly as the checker returns it), or null before the first check. */
  report() {
    return this.lastReport;
  }

  /** True while an edit or a context change has not been checked yet. */
  get pending() {
    return this.state === 'ready' && (this.textarea.value !== this.renderedText || Boolean(this.checkWanted) || Boolean(this.frame) || Boolean(this.listTimer));
  }

  /** What is underlined in the note now: `[{start, end, severity}]` (UTF-16, overlaps merged, strongest severity). */
  highlights() {
    return (this.mirrorSegments ?? []).map(({ start, end, severity }) => ({ start, end, severity }));
  }

  /** The latest report's findings less the dismissed ones. */
  findings() {
    if (!this.lastReport) return [];
    return this.lastReport.findings.filter((f) => !this.dismissed.has(dismissKey(f.rule, f.text)));
  }

  /** Checks the note now (for example after setting `textarea.value` from script) and returns the report. */
  refresh() {
    if (this.state !== 'ready') return this.lastReport;
    this.run(true);
    return this.lastReport;
  }

  /** Checks any text with this field's policy: throws on a malformed context, as the checker does. */
  check(text, context) {
    if (!this.policy) throw new Error('the checker has not loaded');
    return this.policy.checker.check(text, context);
  }

  /** The context as it is now. */
  context() {
    return structuredClone(this.ctx);
  }

  /**
   * Updates the context: `{event_at: '…'}` changes that field, `null` or
   * `undefined` removes one; `child` and `equality` merge field by field
   * (an equality field set to "" means the form's field is empty). With
   * `{replace: true}` the context becomes exactly `partial`.
   */
  setContext(partial = {}, { replace = false, quiet = false } = {}) {
    const next = replace ? {} : structuredClone(this.ctx);
    for (const [key, value] of Object.entries(partial ?? {})) {
      if (key === 'child' || key === 'equality') {
        if (value === null || value === undefined) {
          delete next[key];
          continue;
        }
        const sub = { ...(next[key] ?? {}) };
        for (const [k, v] of Object.entries(value)) {
          const empty = v === null || v === undefined || (key === 'child' && v === '');
          if (empty) delete sub[k];
          else sub[k] = v;
        }
        if (Object.keys(sub).length) next[key] = sub;
        else delete next[key];
      } else if (value === null || value === undefined || value === '') {
        delete next[key];
      } else {
        next[key] = value;
      }
    }
    this.ctx = next;
    if (!quiet && this.state === 'ready') this.schedule(true);
  }

  /** Switches policy: `{policy}` (object or JSON text), `{policyUrl}`, or `{}` for the built-in one. */
  async setPolicy({ policy, policyUrl } = {}) {
    this.options.policy = policy;
    this.options.policyUrl = policyUrl;
    const wanted = policyKey({ policy, policyUrl });
    const loaded = await loadPolicy({ policy, policyUrl, moduleUrl: this.options.moduleUrl });
    // A later switch wins over an earlier one that finished after it.
    if (policyKey({ policy: this.options.policy, policyUrl: this.options.policyUrl }) !== wanted || this.state === 'detached') return false;
    this.policy = loaded;
    this.listSig = null;
    this.renderedKey = null;
    if (this.state === 'ready') this.run(true);
    this.emit('policy-changed', { name: loaded.name, rules: loaded.rules });
    return true;
  }

  /** The policy's name, its rules (RuleInfo[]) and standards, once loaded. */
  policyInfo() {
    if (!this.policy) return null;
    const { name, rules, standards, categoryNames } = this.policy;
    return { name, rules, standards: Object.fromEntries(standards), categoryNames: { ...categoryNames } };
  }

  /** Dismissed findings, `[{rule, text}]`: store them with the draft and pass them back as `options.dismissed`. */
  dismissals() {
    return [...this.dismissed.values()].map((d) => ({ ...d }));
  }

  /** Hides every finding of `rule` about `text` (the flagged words; "" for a note-wide finding). */
  dismiss(rule, text = '') {
    this.dismissed.set(dismissKey(rule, text), { rule, text });
    this.afterDismissalChange();
  }

  /** Shows a dismissed finding again. */
  undismiss(rule, text = '') {
    this.dismissed.delete(dismissKey(rule, text));
    this.afterDismissalChange();
  }

  /** Removes everything the checker added and leaves the textarea as it was. */
  detach() {
    if (this.state === 'detached') return;
    const wasReady = this.state === 'ready';
    this.state = 'detached';
    cancelAnimationFrame(this.frame);
    clearTimeout(this.delayTimer);
    clearTimeout(this.minuteTimer);
    clearTimeout(this.announceTimer);
    clearTimeout(this.listTimer);
    for (const fn of this.cleanups.splice(0)) fn();
    if (wasReady) {
      this.mirror?.clear();
      this.unenhance();
    }
    attached.delete(this.textarea);
    this.emit('detached', null);
  }

  // --- loading ----------------------------------------------------------------------

  async start() {
    try {
      this.policy = await loadPolicy({ policy: this.options.policy, policyUrl: this.options.policyUrl, moduleUrl: this.options.moduleUrl });
    } catch (error) {
      if (this.state === 'detached') return false;
      this.state = 'unavailable';
      this.loadError = error;
      console.warn('case-note-checker: could not load the checker; the field works without it.', error);
      this.showUnavailable();
      this.emit('checker-unavailable', { error });
      return false;
    }
    if (this.state === 'detached') return false;
    this.enhance();
    this.state = 'ready';
    this.run(true);
    this.announced = this.countsText();
    this.emit('checker-ready', { name: this.policy.name });
    return true;
  }

  showUnavailable() {
    const panel = this.options.panel;
    if (!(panel instanceof Element)) return;
    const notice = el('p', 'cnc-unavailable', 'The note checker could not be loaded, so this note is not being checked. You can still write and save it.');
    this.unavailableNotice = notice;
    panel.append(notice);
  }

  // --- building and removing the layer and the panel ------------------------------------

  enhance() {
    const ta = this.textarea;
    const doc = ta.ownerDocument;
    const view = doc.defaultView;

    // Wrap the field so the mirror can sit exactly behind it, without
    // disturbing focus, the caret or the undo history where the browser
    // can move a node in place.
    const wrap = el('div', 'cnc-field');
    const cs = view.getComputedStyle(ta);
    const parentDisplay = ta.parentElement ? view.getComputedStyle(ta.parentElement).display : 'block';
    const inFlexOrGrid = /flex|grid/.test(parentDisplay);
    const inline = /^inline/.test(cs.display) && !inFlexOrGrid && this.sharesLine();
    const wrapStyles = { position: 'relative', isolation: 'isolate', display: inline ? 'inline-block' : 'block' };
    if (inline) wrapStyles['vertical-align'] = cs.verticalAlign;
    if (inFlexOrGrid) {
      for (const p of ['flex-grow', 'flex-shrink', 'flex-basis', 'align-self', 'justify-self', 'order', 'grid-row-start', 'grid-row-end', 'grid-column-start', 'grid-column-end']) wrapStyles[p] = cs.getPropertyValue(p);
      wrapStyles['min-width'] = '0';
    }
    setStyles(wrap, wrapStyles);
    const focused = doc.activeElement === ta;
    const selection = [ta.selectionStart, ta.selectionEnd, ta.selectionDirection];
    const scroll = [ta.scrollTop, ta.scrollLeft];
    this.placeholder = { parent: ta.parentNode, next: ta.nextSibling };
    ta.parentNode.insertBefore(wrap, ta);
    if (typeof wrap.moveBefore === 'function') {
      try {
        wrap.moveBefore(ta, null);
      } catch {
        wrap.append(ta);
      }
    } else {
      wrap.append(ta);
    }
    if (focused && doc.activeElement !== ta) {
      ta.focus({ preventScroll: true });
      ta.setSelectionRange(...selection);
    }
    [ta.scrollTop, ta.scrollLeft] = scroll;

    const backdrop = el('div', 'cnc-backdrop');
    backdrop.setAttribute('aria-hidden', 'true');
    const content = el('div', 'cnc-mirror');
    backdrop.append(content);
    setStyles(backdrop, {
      position: 'absolute', 'z-index': '-1', overflow: 'hidden', 'pointer-events': 'none', 'box-sizing': 'border-box',
      'border-color': 'transparent', color: 'transparent', margin: '0', 'user-select': 'none',
    });
    // Spare room after the text: see syncScroll.
    const spare = el('div', 'cnc-spare');
    setStyles(spare, { height: '100vh', width: '1px' });
    backdrop.append(spare);
    wrap.insertBefore(backdrop, ta);
    this.wrap = wrap;
    this.backdrop = backdrop;
    this.content = content;
    this.mirror = (this.options.highlightApi ?? HIGHLIGHTS) ? new RangeMirror(content) : new SpanMirror(content);

    // The textarea becomes see-through; its background moves to the mirror.
    this.savedStyles = {};
    this.savedCssText = ta.hasAttribute('style') ? ta.style.cssText : null;
    for (const name of ['background-color', 'background-image']) {
      this.savedStyles[name] = [ta.style.getPropertyValue(name), ta.style.getPropertyPriority(name)];
    }
    ta.classList.add('cnc-textarea');
    this.syncStyles();
    this.layoutDirty = true;

    // The panel.
    this.buildPanel();

    // The summary describes the field.
    this.savedDescribedBy = ta.getAttribute('aria-describedby');
    if (this.summary) {
      const ids = (this.savedDescribedBy ?? '').split(/\s+/).filter(Boolean);
      ids.push(this.summary.id);
      ta.setAttribute('aria-describedby', ids.join(' '));
    }

    // Events.
    const on = (target, type, fn, opts) => {
      target.addEventListener(type, fn, opts);
      this.cleanups.push(() => target.removeEventListener(type, fn, opts));
    };
    on(ta, 'input', () => {
      this.lastInputAt = performance.now();
      this.schedule(false);
    });
    on(ta, 'scroll', () => this.syncScroll(), { passive: true });
    on(ta, 'focus', () => this.requestFrame());
    on(ta, 'blur', () => this.requestFrame());
    if (ta.form) on(ta.form, 'reset', () => setTimeout(() => this.schedule(true)));
    on(view, 'resize', () => this.requestLayout());
    if (doc.fonts) on(doc.fonts, 'loadingdone', () => this.requestLayout());
    on(doc, 'visibilitychange', () => { if (!doc.hidden) this.tick(); });
    const resize = new view.ResizeObserver((entries) => {
      // The field's exact (fractional) content box: offsetWidth and
      // clientWidth are rounded, which can misjudge its scrollbar by a pixel.
      for (const e of entries) if (e.target === ta && e.contentBoxSize?.[0]) this.boxSizes = { border: e.borderBoxSize[0], content: e.contentBoxSize[0] };
      this.requestLayout();
    });
    resize.observe(ta);
    resize.observe(wrap);
    this.cleanups.push(() => resize.disconnect());
    const mutations = new view.MutationObserver(() => this.requestLayout());
    this.mutations = mutations;
    mutations.observe(ta, { attributes: true, attributeFilter: ['class', 'style', 'dir', 'wrap', 'cols', 'rows', 'lang'] });
    this.cleanups.push(() => mutations.disconnect());
    if (this.panel) {
      on(this.panel, 'toggle', (e) => {
        const rule = e.target?.dataset?.cncWhy;
        if (!rule) return;
        if (e.target.open) this.openWhy.add(rule);
        else this.openWhy.delete(rule);
      }, true);
    }
  }

  /** Whether the textarea shares its line with other inline content (so its wrapper must stay inline). */
  sharesLine() {
    const view = this.textarea.ownerDocument.defaultView;
    const inlineNeighbour = (from, step) => {
      for (let node = from[step]; node; node = node[step]) {
        if (node.nodeType === Node.TEXT_NODE) {
          if (node.data.trim()) return true;
          continue;
        }
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        if (node.localName === 'br') return false;
        const cs = view.getComputedStyle(node);
        if (cs.display === 'none' || cs.position === 'absolute' || cs.position === 'fixed') continue;
        return /^inline/.test(cs.display);
      }
      return false;
    };
    return inlineNeighbour(this.textarea, 'previousSibling') || inlineNeighbour(this.textarea, 'nextSibling');
  }

  unenhance() {
    const ta = this.textarea;
    const doc = ta.ownerDocument;
    const focused = doc.activeElement === ta;
    const selection = [ta.selectionStart, ta.selectionEnd, ta.selectionDirection];
    const scroll = [ta.scrollTop, ta.scrollLeft];
    const parent = this.wrap.parentNode;
    if (parent) {
      if (typeof parent.moveBefore === 'function') {
        try {
          parent.moveBefore(ta, this.wrap);
        } catch {
          parent.insertBefore(ta, this.wrap);
        }
      } else {
        parent.insertBefore(ta, this.wrap);
      }
      this.wrap.remove();
    }
    if (focused && doc.activeElement !== ta) {
      ta.focus({ preventScroll: true });
      ta.setSelectionRange(...selection);
    }
    [ta.scrollTop, ta.scrollLeft] = scroll;
    ta.classList.remove('cnc-textarea');
    if (!ta.classList.length) ta.removeAttribute('class');
    for (const [name, [value, priority]] of Object.entries(this.savedStyles)) {
      if (value) ta.style.setProperty(name, value, priority);
      else ta.style.removeProperty(name);
    }
    // The same declarations in the host's own order (cssText, which a CSP allows).
    const declarations = (css) => css.split(';').map((d) => d.trim()).filter(Boolean).sort().join(';');
    if (this.savedCssText !== null && declarations(ta.style.cssText) === declarations(this.savedCssText)) ta.style.cssText = this.savedCssText;
    if (!ta.style.length) ta.removeAttribute('style');
    if (this.savedDescribedBy === null) ta.removeAttribute('aria-describedby');
    else ta.setAttribute('aria-describedby', this.savedDescribedBy);
    if (this.ownPanel) this.panelRoot.remove();
    else this.panelRoot?.remove();
  }

  // --- layout -------------------------------------------------------------------------------

  requestLayout() {
    this.layoutDirty = true;
    this.requestFrame();
  }

  /** Copies the textarea's text layout and box to the mirror. */
  syncStyles() {
    const ta = this.textarea;
    const view = ta.ownerDocument.defaultView;
    // Read the field's own background with the see-through override lifted.
    ta.style.removeProperty('background-color');
    ta.style.removeProperty('background-image');
    for (const [name, [value, priority]] of Object.entries(this.savedStyles)) if (value) ta.style.setProperty(name, value, priority);
    const cs = view.getComputedStyle(ta);
    const styles = {};
    for (const name of BACKGROUND_STYLES) styles[name] = cs.getPropertyValue(name);
    for (const name of COPIED_STYLES) styles[name] = cs.getPropertyValue(name);
    ta.style.setProperty('background-color', 'transparent', 'important');
    ta.style.setProperty('background-image', 'none', 'important');
    this.stylePrint = layoutPrint(view.getComputedStyle(ta));
    styles['text-indent'] = cs.textIndent;
    // A unitless line height (1.7) must stay unitless: 1.7 × 21px and the
    // resolved "35.7px" round to different layout units, and the difference
    // adds up line by line.
    try {
      const lh = ta.computedStyleMap?.().get('line-height');
      if (lh && lh.unit === 'number') styles['line-height'] = String(lh.value);
    } catch {
      // No typed OM: the resolved value it is.
    }
    // pre-wrap unless the field does not wrap at all.
    styles['white-space-collapse'] = 'preserve';
    if (!styles['text-wrap-mode']) styles['white-space'] = cs.whiteSpace;
    this.copied = styles;
    setStyles(this.backdrop, styles);
    // The style changes above are this checker's own, not the page's.
    this.mutations?.takeRecords();
  }

  /** Places the mirror over the field's box, with room for the field's scrollbars. */
  syncBox() {
    const ta = this.textarea;
    const cs = getComputedStyle(ta);
    if (cs.display === 'none' || !ta.isConnected) {
      this.backdrop.hidden = true;
      return;
    }
    this.backdrop.hidden = false;
    const r = ta.getBoundingClientRect();
    const w = this.wrap.getBoundingClientRect();
    const bl = parseFloat(cs.borderLeftWidth) || 0;
    const br = parseFloat(cs.borderRightWidth) || 0;
    const bt = parseFloat(cs.borderTopWidth) || 0;
    const bb = parseFloat(cs.borderBottomWidth) || 0;
    const pad = (side) => parseFloat(cs.getPropertyValue(`padding-${side}`)) || 0;
    let vertical = Math.max(0, Math.round(ta.offsetWidth - ta.clientWidth - bl - br));
    let horizontal = Math.max(0, Math.round(ta.offsetHeight - ta.clientHeight - bt - bb));
    this.scrollbarEstimate = [vertical, horizontal];
    const sizes = this.boxSizes;
    if (sizes && cs.writingMode === 'horizontal-tb') {
      const v = sizes.border.inlineSize - bl - br - pad('left') - pad('right') - sizes.content.inlineSize;
      const h = sizes.border.blockSize - bt - bb - pad('top') - pad('bottom') - sizes.content.blockSize;
      if (Math.abs(v - vertical) <= 1.5) vertical = Math.max(0, v);
      if (Math.abs(h - horizontal) <= 1.5) horizontal = Math.max(0, h);
    }
    const rtl = cs.direction === 'rtl' && !cs.writingMode.startsWith('vertical');
    // The field's exact border box: from the ResizeObserver where it agrees
    // with the client rectangle (offsetWidth/Height are rounded).
    let width = r.width;
    let height = r.height;
    if (sizes && cs.writingMode === 'horizontal-tb' && Math.abs(sizes.border.inlineSize - r.width) < 1 && Math.abs(sizes.border.blockSize - r.height) < 1) {
      width = sizes.border.inlineSize;
      height = sizes.border.blockSize;
    }
    setStyles(this.backdrop, {
      left: `${r.left - w.left - this.wrap.clientLeft}px`,
      top: `${r.top - w.top - this.wrap.clientTop}px`,
      width: `${width}px`,
      height: `${height}px`,
      'padding-left': `${pad('left') + (rtl ? vertical : 0)}px`,
      'padding-right': `${pad('right') + (rtl ? 0 : vertical)}px`,
      'padding-bottom': `${pad('bottom') + horizontal}px`,
    });
    this.scrollbars = this.scrollbarEstimate;
  }

  /**
   * Scrolls the mirror with the field: as a scroll container of its own, so
   * the browser snaps its text to pixels exactly as it does the field's (a
   * transform would not). The mirror has room to spare below and beside its
   * text, so it can always scroll as far as the field.
   */
  syncScroll() {
    if (!this.backdrop) return;
    const ta = this.textarea;
    if (this.backdrop.scrollTop !== ta.scrollTop) this.backdrop.scrollTop = ta.scrollTop;
    if (this.backdrop.scrollLeft !== ta.scrollLeft) this.backdrop.scrollLeft = ta.scrollLeft;
  }

  // --- scheduling ------------------------------------------------------------------------------

  requestFrame() {
    if (this.frame || this.state !== 'ready') return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.onFrame();
    });
  }

  /** An edit or a context change: check on the next frame, or after a pause for a note too long to check every frame. */
  schedule(force) {
    if (this.state !== 'ready') return;
    this.checkWanted = true;
    if (force) this.forceCheck = true;
    this.requestFrame();
  }

  onFrame() {
    if (this.state !== 'ready') return;
    const ta = this.textarea;
    if (this.layoutDirty) {
      this.layoutDirty = false;
      this.syncStyles();
      this.syncBox();
    } else {
      const cs = getComputedStyle(ta);
      // The page's own styles may have changed what the field looks like
      // (a class on an ancestor, a font loaded): nothing observes that, so
      // compare what matters for the text's layout on every frame drawn.
      if (layoutPrint(cs) !== this.stylePrint) {
        this.syncStyles();
        this.scrollbars = null;
      }
      // A scrollbar that came or went changes the width the text wraps in.
      const vertical = Math.max(0, Math.round(ta.offsetWidth - ta.clientWidth - (parseFloat(cs.borderLeftWidth) || 0) - (parseFloat(cs.borderRightWidth) || 0)));
      const horizontal = Math.max(0, Math.round(ta.offsetHeight - ta.clientHeight - (parseFloat(cs.borderTopWidth) || 0) - (parseFloat(cs.borderBottomWidth) || 0)));
      if (!this.scrollbars || vertical !== this.scrollbars[0] || horizontal !== this.scrollbars[1]) this.syncBox();
    }
    const text = ta.value;
    if (this.checkWanted) {
      const now = performance.now();
      const cheap = this.lastCost <= FRAME_BUDGET;
      const pause = Math.min(Math.max(2 * this.lastCost, 50), 1000);
      const quiet = now - this.lastInputAt >= pause;
      const starved = now - this.lastCheckAt >= Math.max(2000, 8 * this.lastCost);
      if (this.forceCheck || cheap || quiet || starved) {
        this.run(false);
      } else {
        // Keep the highlights on the words they belong to until the check runs.
        this.showMapped(text);
        clearTimeout(this.delayTimer);
        this.delayTimer = setTimeout(() => this.requestFrame(), Math.max(0, pause - (now - this.lastInputAt)) + 1);
      }
    } else if (text !== this.renderedText) {
      this.schedule(false);
    } else {
      this.drawMirror(text, this.activeSegments ?? []);
    }
    this.syncScroll();
  }

  /** The context the checker is given: with "now" as the recorded time when the host gives none. */
  effectiveContext() {
    const ctx = structuredClone(this.ctx);
    this.live = false;
    if (!ctx.recorded_at && this.options.recordedAtNow && ctx.event_at) {
      const now = localStamp(this.now());
      if (now >= ctx.event_at) {
        ctx.recorded_at = now;
        this.live = true;
      }
    }
    if (!ctx.recorded_at && ctx.event_at && this.options.recordedAtNow) this.live = true;
    return ctx;
  }

  now() {
    return typeof this.options.now === 'function' ? this.options.now() : new Date();
  }

  /** Checks the note as it is now and shows the result: nothing shown is older than the text. */
  run(force) {
    if (this.state !== 'ready') return;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    clearTimeout(this.delayTimer);
    this.checkWanted = false;
    this.forceCheck = false;
    if (this.layoutDirty) {
      this.layoutDirty = false;
      this.syncStyles();
      this.syncBox();
    }
    const text = this.textarea.value;
    const context = this.effectiveContext();
    const key = JSON.stringify(context);
    if (!force && text === this.renderedText && key === this.renderedKey) {
      this.panelRoot?.classList.remove('cnc-panel--stale');
      this.drawMirror(text, this.activeSegments ?? []);
      return;
    }
    const started = performance.now();
    let report;
    let error = null;
    try {
      report = this.policy.checker.check(text, context);
    } catch (e) {
      error = e;
      report = this.checkWithout(text, context, e);
    }
    const cost = performance.now() - started;
    this.lastCost = cost;
    this.lastCheckAt = performance.now();
    this.renderedKey = key;
    this.contextError = error;
    if (!report) return;
    this.render(text, report);
    this.armMinuteTimer();
    this.emit('checked', { report, text, context, cost, error });
  }

  /** A malformed context: check without the field it names (or with no context at all). */
  checkWithout(text, context, error) {
    let ctx = structuredClone(context);
    let e = error;
    for (let i = 0; i < 4; i++) {
      const field = String(e?.message ?? '').split(':')[0];
      const path = field.startsWith('context.') ? field.slice('context.'.length).split('.') : null;
      if (!path) break;
      let holder = ctx;
      for (const part of path.slice(0, -1)) holder = holder?.[part];
      if (!holder || !(path[path.length - 1] in holder)) break;
      delete holder[path[path.length - 1]];
      if (path.length > 1 && holder && !Object.keys(holder).length) delete ctx[path[0]];
      try {
        return this.policy.checker.check(text, ctx);
      } catch (next) {
        e = next;
      }
    }
    try {
      return this.policy.checker.check(text, undefined);
    } catch (last) {
      console.error('case-note-checker: the note could not be checked', last);
      return null;
    }
  }

  /** Re-checks each minute while the deadline is counted down against the clock. */
  armMinuteTimer() {
    clearTimeout(this.minuteTimer);
    if (!this.live || this.state !== 'ready') return;
    const now = this.now();
    const wait = 60000 - (now.getSeconds() * 1000 + now.getMilliseconds()) + 25;
    this.minuteTimer = setTimeout(() => this.tick(), wait);
  }

  tick() {
    if (this.state !== 'ready') return;
    if (this.textarea.value !== this.renderedText || this.live) this.schedule(true);
  }

  // --- rendering -----------------------------------------------------------------------------------

  render(text, report) {
    this.renderedText = text;
    this.lastReport = report;
    const blank = text.trim() === '';
    const active = blank ? [] : this.findings();
    this.activeFindings = active;
    this.activeSegments = segmentsOf(active);
    this.drawMirror(text, this.activeSegments);
    if (this.panel) {
      this.panelRoot.classList.remove('cnc-panel--stale');
      this.stale.hidden = true;
      this.renderSummary(blank, active);
      this.renderContextError();
      this.renderGlance(blank ? null : report, active);
      this.renderListSoon();
      this.scheduleAnnouncement();
    }
    const sig = JSON.stringify([report, this.dismissals()]);
    if (sig !== this.firedSig) {
      this.firedSig = sig;
      this.emit('findings-changed', report, this.textarea);
    }
  }

  drawMirror(text, segments) {
    if (!this.mirror) return;
    if (text === this.mirrorText && segments === this.mirrorSegments) return;
    this.mirror.render(text, segments);
    this.mirrorText = text;
    this.mirrorSegments = segments;
  }

  /** Before a slow check has caught up: the old highlights, moved with the edit, never over changed words. */
  showMapped(text) {
    if (text === this.mirrorText) return;
    const edit = diffRange(this.mirrorText ?? '', text);
    const moved = [];
    for (const seg of this.mirrorSegments) {
      const span = mapSpan(seg, edit);
      if (span) moved.push({ ...seg, ...span });
    }
    this.drawMirror(text, moved);
    if (this.panel) {
      this.panelRoot.classList.add('cnc-panel--stale');
      this.stale.hidden = false;
    }
  }

  buildPanel() {
    const option = this.options.panel;
    if (option === false) return;
    const level = Math.min(Math.max(Number(this.options.headingLevel) || 3, 1), 4);
    this.level = level;
    const heading = (n, className, text) => el(`h${Math.min(n, 6)}`, className, text);
    const root = el('div', 'cnc-panel');
    root.id = `${this.id}-panel`;
    if (option instanceof Element) {
      this.ownPanel = false;
      option.append(root);
    } else {
      this.ownPanel = true;
      this.wrap.after(root);
    }
    this.panelRoot = root;
    this.panel = root;

    this.summary = el('p', 'cnc-summary');
    this.summary.id = `${this.id}-summary`;
    this.stale = el('p', 'cnc-stale', 'Updating…');
    this.stale.hidden = true;
    this.liveRegion = el('div', 'cnc-live', '');
    this.liveRegion.setAttribute('aria-live', 'polite');
    this.liveRegion.setAttribute('aria-atomic', 'true');
    setStyles(this.liveRegion, { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', 'clip-path': 'inset(50%)', 'white-space': 'nowrap', margin: '-1px', padding: '0', border: '0' });
    this.errorBox = el('p', 'cnc-context-error');
    this.errorBox.hidden = true;

    this.glanceHeading = heading(level, 'cnc-heading', 'At a glance');
    this.glance = el('dl', 'cnc-glance');
    const check = (name, label) => {
      const row = el('div', `cnc-check cnc-check--${name}`);
      const dt = el('dt', 'cnc-check-label', label);
      const dd = el('dd', 'cnc-check-value');
      const icon = el('span', 'cnc-icon');
      icon.setAttribute('aria-hidden', 'true');
      const value = el('span', 'cnc-check-text', '–');
      const extra = el('span', 'cnc-check-extra');
      dd.append(icon, value, extra);
      row.append(dt, dd);
      this.glance.append(row);
      return { row, icon, value, extra, state: null };
    };
    this.checks = {
      opinion: check('opinion', 'Professional opinion'),
      voice: check('voice', 'Child’s voice'),
      equality: check('equality', 'Equality areas'),
      jargon: check('jargon', 'Jargon'),
      deadline: check('deadline', 'Recording deadline'),
    };
    this.findingsHeading = heading(level, 'cnc-heading', 'Findings');
    this.findingsHeading.tabIndex = -1;
    this.findingsHeading.id = `${this.id}-findings`;
    this.groups = el('div', 'cnc-groups');
    this.empty = el('p', 'cnc-empty');
    this.dismissedBox = el('details', 'cnc-dismissed');
    this.dismissedSummary = el('summary', null, 'Dismissed');
    this.dismissedList = el('ul', 'cnc-dismissed-list');
    this.dismissedBox.append(this.dismissedSummary, el('p', 'cnc-dismissed-note', 'Dismissed findings are hidden until you restore them, however the note changes.'), this.dismissedList);
    this.dismissedBox.hidden = true;
    root.append(this.summary, this.stale, this.errorBox, this.liveRegion, this.glanceHeading, this.glance,
      this.findingsHeading, this.empty, this.groups, this.dismissedBox);
    root.addEventListener('click', (e) => this.onPanelClick(e));
    root.addEventListener('pointerdown', () => { this.pointerDown = true; });
    const released = () => { this.pointerDown = false; };
    for (const type of ['pointerup', 'pointercancel']) {
      document.addEventListener(type, released, true);
      this.cleanups.push(() => document.removeEventListener(type, released, true));
    }
  }

  countsText(active = this.activeFindings ?? []) {
    if (this.renderedText === null || !this.renderedText.trim()) return 'No findings';
    if (!active.length) return 'No findings';
    const counts = SEVERITIES.map((s) => [s, active.filter((f) => f.severity === s).length]).filter(([, n]) => n);
    return `${plural(active.length, 'finding')}: ${counts.map(([s, n]) => (s === 'advice' ? `${n} advice` : plural(n, s))).join(', ')}`;
  }

  renderSummary(blank, active) {
    let text;
    if (blank) text = 'Note checker: start typing to check the note against the recording policy.';
    else if (!active.length) text = 'Note checker: no findings.';
    else text = `Note checker: ${this.countsText(active)}.`;
    const hidden = this.dismissed.size && !blank ? this.lastReport.findings.length - active.length : 0;
    if (hidden) text += ` ${plural(hidden, 'finding')} dismissed.`;
    setText(this.summary, text);
  }

  renderContextError() {
    const e = this.contextError;
    const message = e ? `The event details could not be used, so the note was checked without them: ${e.message}` : '';
    const show = Boolean(e) && this.options.showContextErrors;
    setText(this.errorBox, show ? message : '');
    this.errorBox.hidden = !show;
    const field = e ? String(e.message).split(':')[0] : null;
    const named = CONTEXT_FIELDS.includes(field) || /^context\.equality/.test(field ?? '') ? field : null;
    const sig = e ? `${field}|${e.message}` : null;
    if (sig !== this.errorSig) {
      this.errorSig = sig;
      this.emit('context-error', e ? { error: e, field: named, message: e.message } : null);
    }
  }

  setCheck(check, state, value, extra = null) {
    if (check.state !== state) {
      check.row.classList.remove(`cnc-check--${check.state}`);
      check.row.classList.add(`cnc-check--${state}`);
      check.state = state;
      setText(check.icon, { ok: '✓', missing: '✗', info: 'ℹ', warn: '!', overdue: '!', none: '–' }[state] ?? '');
    }
    setText(check.value, value);
    if (extra instanceof Node) {
      if (!(check.extra.childNodes.length === 1 && check.extra.firstChild === extra)) check.extra.replaceChildren(extra);
    } else {
      setText(check.extra, extra ?? '');
    }
  }

  renderGlance(report, active) {
    const c = this.checks;
    if (!report) {
      for (const k of ['equality', 'jargon']) this.setCheck(c[k], 'none', '–');
      for (const k of ['opinion', 'voice']) {
        if (c[k].show) c[k].show.hidden = true;
        this.setCheck(c[k], 'none', '–', c[k].show ?? '');
      }
    } else {
      // The "Show" buttons exist from the start and are only hidden or shown
      // (inserting one while the worker types would end the undo step).
      const presence = (check, p, what) => {
        let show = check.show;
        if (!show) {
          show = button('cnc-show', 'Show', `Show the ${what} in the note`);
          show.dataset.cncAction = 'evidence';
          show.dataset.cncEvidence = what;
          show.dataset.cncFocus = `evidence:${what}`;
          check.show = show;
        }
        show.hidden = !p.evidence.length;
        this.setCheck(check, p.present ? 'ok' : 'missing', p.present ? 'Recorded' : 'Missing', show);
      };
      presence(c.opinion, report.opinion, 'professional opinion');
      presence(c.voice, report.child_voice, 'child’s voice');
      const areas = report.equality.mentioned.map((a) => a.replace(/_/g, ' '));
      const emptyFields = active.filter((f) => f.rule === 'equality-information' && f.severity === 'advice').length;
      const needs = active.filter((f) => f.rule === 'equality-information' && f.severity !== 'advice').length;
      this.setCheck(c.equality, needs ? 'warn' : areas.length ? 'ok' : 'info',
        areas.length ? capitalise(areas.join(', ')) : 'None recorded',
        needs ? ' (support not recorded)' : emptyFields ? ` (${plural(emptyFields, 'form field')} empty)` : '');
      const jargon = active.filter((f) => f.rule === 'jargon').length;
      this.setCheck(c.jargon, jargon ? 'warn' : 'ok', jargon ? plural(jargon, 'term') : 'None found');
    }
    this.renderDeadline(report);
  }

  renderDeadline(report) {
    const check = this.checks.deadline;
    if (!check.parts) {
      // Built once and updated in place (see renderGlance).
      const category = el('span', 'cnc-deadline-category', '');
      const due = el('span', 'cnc-deadline-due');
      const dueLabel = document.createTextNode('; due ');
      const time = el('time', null, '');
      due.append(dueLabel, time);
      const countdownText = el('span', 'cnc-countdown', '');
      const hint = el('span', 'cnc-deadline-hint', '');
      const holder = el('span', 'cnc-deadline');
      holder.append(category, due, countdownText, hint);
      check.parts = { holder, category, due, time, countdown: countdownText, hint };
    }
    const parts = check.parts;
    if (!report) {
      this.setCheck(check, 'none', '–', '');
      return;
    }
    const d = report.deadline;
    setText(parts.category, categoryLabel(this.policy.categoryNames, d.category));
    let state = 'info';
    parts.due.hidden = !d.due;
    parts.countdown.hidden = !d.due;
    parts.hint.hidden = Boolean(d.due) || Boolean(this.ctx.event_at);
    setText(parts.hint, '; add the event time to see when it is due');
    if (d.due) {
      setText(parts.time, this.formatTime(d.due));
      if (parts.time.dateTime !== d.due) parts.time.dateTime = d.due;
      let line;
      const recorded = this.ctx.recorded_at;
      if (recorded) {
        const rec = parseLocal(recorded);
        const dueAt = parseLocal(d.due);
        const minutes = rec && dueAt ? Math.round((rec - dueAt) / 60000) : 0;
        if (d.status === 'overdue') {
          state = 'overdue';
          line = `; recorded ${formatDuration(minutes)} late`;
        } else {
          state = 'ok';
          line = minutes < 0 ? `; recorded on time, ${formatDuration(-minutes)} before the deadline` : '; recorded on time';
        }
      } else {
        const c = countdown(d.due, this.now());
        state = c.overdue ? 'overdue' : 'ok';
        line = `; ${c.text}`;
      }
      setText(parts.countdown, line);
    }
    const label = state === 'overdue' ? 'Overdue' : state === 'ok' ? 'On time' : 'Due time unknown';
    this.setCheck(check, state, `${label}: `, parts.holder);
    if (this.lastDeadlineState && this.lastDeadlineState !== state && state === 'overdue') this.say('The note is now overdue for recording.');
    this.lastDeadlineState = state;
  }

  formatTime(value) {
    const date = parseLocal(value);
    if (!date) return value;
    return new Intl.DateTimeFormat(this.options.locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date);
  }

  /**
   * Redraws the list now, or, while the worker is typing in the note, once
   * they pause: rebuilding it inserts nodes, which would end the browser's
   * undo step in the middle of a word (the underlines and counts are
   * updated on every frame regardless).
   */
  renderListSoon() {
    clearTimeout(this.listTimer);
    this.listTimer = 0;
    const blank = this.renderedText.trim() === '';
    const all = blank ? [] : this.lastReport.findings;
    const active = blank ? [] : this.findings();
    const typing = document.activeElement === this.textarea && performance.now() - this.lastInputAt < LIST_IDLE;
    if (!typing || this.listSig === null) {
      this.renderList(all, active);
      return;
    }
    this.listTimer = setTimeout(() => {
      this.listTimer = 0;
      if (this.state !== 'ready' || !this.lastReport) return;
      // Never redraw under a pointer held down on a button: the click would be lost.
      if (this.pointerDown) {
        this.listTimer = setTimeout(() => { this.listTimer = 0; this.renderListSoon(); }, 100);
        return;
      }
      this.renderListSoon();
    }, LIST_IDLE - (performance.now() - this.lastInputAt) + 5);
  }

  /** The findings, grouped by standard and then by rule. Rebuilt only when they change, keeping focus. */
  renderList(all, active) {
    const keyed = [];
    const seen = new Map();
    for (const f of all) {
      const base = dismissKey(f.rule, f.text);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      keyed.push({ key: `${base}\u001f${n}`, finding: f, dismissed: this.dismissed.has(base) });
    }
    this.keyed = new Map(keyed.map((k) => [k.key, k.finding]));
    this.keyedText = this.renderedText;
    const editable = !this.textarea.readOnly && !this.textarea.disabled;
    const sig = JSON.stringify([
      keyed.filter((k) => !k.dismissed).map((k) => [k.key, k.finding.severity, k.finding.message, k.finding.suggestions, k.finding.standard]),
      this.dismissals(), editable, [...this.limits], this.ctx.child?.name ?? null, this.policy.key,
    ]);
    setText(this.empty, !this.renderedText.trim() ? 'Findings will appear here as you type.' : active.length ? '' : 'No findings: the checker found nothing to change.');
    this.empty.hidden = active.length > 0;
    if (sig === this.listSig) return;
    this.listSig = sig;

    const focusKey = this.panelRoot.contains(document.activeElement) ? document.activeElement.dataset?.cncFocus ?? null : null;
    const focusIndex = focusKey ? [...this.panelRoot.querySelectorAll('[data-cnc-focus]')].indexOf(document.activeElement) : -1;

    const level = this.level;
    const heading = (n, className, text) => el(`h${Math.min(n, 6)}`, className, text);
    const standards = new Map();
    for (const k of keyed) {
      if (k.dismissed) continue;
      const std = k.finding.standard ?? 0;
      if (!standards.has(std)) standards.set(std, new Map());
      const rules = standards.get(std);
      if (!rules.has(k.finding.rule)) rules.set(k.finding.rule, []);
      rules.get(k.finding.rule).push(k);
    }
    const groups = [];
    for (const std of [...standards.keys()].sort((a, b) => (a || 99) - (b || 99))) {
      const section = el('section', 'cnc-group');
      const title = heading(level + 1, 'cnc-group-heading', std ? `Standard ${std}` : 'Recording principles');
      const text = std ? this.policy.standards.get(std) : null;
      section.append(title);
      if (text) section.append(el('p', 'cnc-standard-text', text));
      for (const [ruleId, items] of standards.get(std)) {
        const rule = this.policy.rule(ruleId);
        const block = el('div', 'cnc-rule');
        const ruleHeading = heading(level + 2, 'cnc-rule-heading', rule?.title ?? ruleId);
        ruleHeading.append(' ', el('span', 'cnc-rule-count', `(${items.length})`));
        block.append(ruleHeading);
        if (rule?.why) {
          const why = el('details', 'cnc-why');
          why.dataset.cncWhy = ruleId;
          const summary = el('summary', null, 'Why this matters');
          summary.dataset.cncFocus = `why:${ruleId}`;
          why.append(summary, el('p', 'cnc-why-text', rule.why));
          if (typeof this.options.ruleHref === 'function') {
            const href = this.options.ruleHref(ruleId);
            if (href) {
              const link = el('a', 'cnc-rule-link', `More about “${rule.title}”`);
              link.href = href;
              why.append(link);
            }
          }
          why.open = this.openWhy.has(ruleId);
          block.append(why);
        }
        const list = el('ol', 'cnc-findings');
        const limit = this.limits.get(ruleId) ?? LIST_LIMIT;
        for (const k of items.slice(0, limit)) list.append(this.renderFinding(k, rule, editable));
        block.append(list);
        if (items.length > limit) {
          const more = button('cnc-more', `Show ${Math.min(items.length - limit, LIST_LIMIT)} more`);
          more.dataset.cncAction = 'more';
          more.dataset.cncRule = ruleId;
          more.dataset.cncFocus = `more:${ruleId}`;
          block.append(more);
        }
        section.append(block);
      }
      groups.push(section);
    }
    this.groups.replaceChildren(...groups);
    this.renderDismissed();

    if (focusKey) {
      const all = [...this.panelRoot.querySelectorAll('[data-cnc-focus]')];
      const target = all.find((n) => n.dataset.cncFocus === focusKey) ?? all[Math.min(focusIndex, all.length - 1)] ?? this.findingsHeading;
      target.focus({ preventScroll: true });
    }
  }

  renderFinding({ key, finding }, rule, editable) {
    const item = el('li', `cnc-finding cnc-finding--${finding.severity}`);
    item.dataset.cncKey = key;
    const head = el('p', 'cnc-finding-head');
    head.append(el('span', `cnc-severity cnc-severity--${finding.severity}`, SEVERITY_LABEL[finding.severity] ?? finding.severity));
    if (finding.span) {
      head.append(' ');
      const locate = button('cnc-locate', `Select “${finding.text}” in the note`);
      locate.dataset.cncAction = 'locate';
      locate.dataset.cncKey = key;
      locate.dataset.cncFocus = `locate:${key}`;
      head.append(locate);
    } else {
      head.append(' ', el('span', 'cnc-scope', 'The whole note'));
    }
    item.append(head, el('p', 'cnc-message', finding.message));
    if (finding.suggestions.length) {
      const replacements = [];
      const guidance = [];
      for (const s of finding.suggestions) {
        const r = finding.span && editable ? replacementFor(s, this.ctx) : null;
        if (r) {
          r.words = fitReplacement(r.words, this.renderedText, finding.span.start);
          if (!replacements.some(([, x]) => x.words === r.words)) replacements.push([s, r]);
        }
        else guidance.push(s);
      }
      if (replacements.length) {
        const group = el('div', 'cnc-replace');
        const labelId = `${this.id}-r-${sequence++}`;
        const label = el('p', 'cnc-replace-label', `Replace “${finding.text}” with:`);
        label.id = labelId;
        const list = el('ul', 'cnc-replace-list');
        list.setAttribute('aria-labelledby', labelId);
        replacements.forEach(([, r], i) => {
          const li = el('li');
          const b = button('cnc-apply', r.words, `Replace “${finding.text}” with “${r.words}”`);
          b.dataset.cncAction = 'apply';
          b.dataset.cncKey = key;
          b.dataset.cncIndex = String(i);
          b.dataset.cncWords = r.words;
          b.dataset.cncFocus = `apply:${key}:${i}`;
          li.append(b);
          if (r.note) li.append(' ', el('span', 'cnc-apply-note', `(${r.note})`));
          list.append(li);
        });
        group.append(label, list);
        item.append(group);
      }
      if (guidance.length) {
        const tips = el('div', 'cnc-tips');
        tips.append(el('p', 'cnc-tips-label', finding.span ? 'Or try:' : 'You could write:'));
        const list = el('ul', 'cnc-tips-list');
        for (const g of guidance) list.append(el('li', null, g));
        tips.append(list);
        item.append(tips);
      }
    }
    const dismiss = button('cnc-dismiss', 'Dismiss', finding.span
      ? `Dismiss “${finding.text}” (${rule?.title ?? finding.rule})`
      : `Dismiss: ${rule?.title ?? finding.rule}`);
    dismiss.dataset.cncAction = 'dismiss';
    dismiss.dataset.cncKey = key;
    dismiss.dataset.cncFocus = `dismiss:${key}`;
    item.append(dismiss);
    return item;
  }

  renderDismissed() {
    const items = this.dismissals();
    this.dismissedBox.hidden = items.length === 0;
    setText(this.dismissedSummary, `Dismissed (${items.length})`);
    this.dismissedList.replaceChildren(...items.map(({ rule, text }) => {
      const li = el('li');
      const title = this.policy.rule(rule)?.title ?? rule;
      li.append(el('span', 'cnc-dismissed-what', text ? `“${text}” (${title})` : title), ' ');
      const b = button('cnc-restore', 'Restore', text ? `Restore “${text}” (${title})` : `Restore: ${title}`);
      b.dataset.cncAction = 'restore';
      b.dataset.cncRule = rule;
      b.dataset.cncText = text;
      b.dataset.cncFocus = `restore:${dismissKey(rule, text)}`;
      li.append(b);
      return li;
    }));
  }

  // --- actions ---------------------------------------------------------------------------------------

  onPanelClick(event) {
    const target = event.target.closest?.('[data-cnc-action]');
    if (!target || !this.panelRoot.contains(target)) return;
    const action = target.dataset.cncAction;
    if (action === 'locate') this.locate(target.dataset.cncKey);
    else if (action === 'apply') this.apply(target.dataset.cncKey, target.dataset.cncWords);
    else if (action === 'dismiss') this.dismissByKey(target.dataset.cncKey);
    else if (action === 'restore') {
      this.undismiss(target.dataset.cncRule, target.dataset.cncText);
      this.say(`Restored. ${this.countsText()}.`);
    } else if (action === 'more') {
      const rule = target.dataset.cncRule;
      this.limits.set(rule, (this.limits.get(rule) ?? LIST_LIMIT) + LIST_LIMIT);
      this.run(true);
    } else if (action === 'evidence') {
      const report = this.fresh();
      const p = target.dataset.cncEvidence === 'professional opinion' ? report?.opinion : report?.child_voice;
      if (p?.evidence?.length) this.select(p.evidence[0]);
    }
  }

  /** The report for the text as it is now (checking it first if an edit is not yet checked). */
  fresh() {
    if (this.textarea.value !== this.renderedText) this.run(true);
    return this.lastReport;
  }

  /** The finding a panel button was drawn for, found again in the current text if it has changed since. */
  findingFor(key) {
    const before = this.keyed?.get(key);
    const listText = this.keyedText;
    if (this.textarea.value !== this.renderedText) this.run(true);
    if (!before) return null;
    if (listText === this.renderedText) return before;
    if (!before.span) return this.lastReport.findings.find((f) => !f.span && f.rule === before.rule) ?? null;
    const moved = mapSpan(before.span, diffRange(listText ?? '', this.renderedText)) ?? before.span;
    const candidates = this.lastReport.findings.filter((f) => f.span && f.rule === before.rule && f.text === before.text);
    candidates.sort((a, b) => Math.abs(a.span.start - moved.start) - Math.abs(b.span.start - moved.start));
    return candidates[0] ?? null;
  }

  locate(key) {
    const f = this.findingFor(key);
    if (f?.span) this.select(f.span);
  }

  /** Selects a span in the textarea and scrolls it into view. */
  select(span) {
    const ta = this.textarea;
    ta.focus({ preventScroll: false });
    ta.setSelectionRange(span.start, span.end);
    this.scrollToSpan(span);
  }

  scrollToSpan(span) {
    if (!this.mirror) return;
    if (this.mirrorText !== this.textarea.value) this.drawMirror(this.textarea.value, this.activeSegments ?? []);
    const rect = this.mirror.rangeRect(span.start, span.end);
    if (!rect) return;
    const ta = this.textarea;
    const box = ta.getBoundingClientRect();
    const cs = getComputedStyle(ta);
    const top = rect.top - box.top - (parseFloat(cs.borderTopWidth) || 0);
    const visible = ta.clientHeight;
    if (top < 0 || top + rect.height > visible) {
      ta.scrollTop = Math.max(0, ta.scrollTop + top - (visible - rect.height) / 2);
      this.syncScroll();
    }
  }

  /** Replaces a finding's words with a suggestion, as an edit the browser can undo (Ctrl+Z). */
  apply(key, words) {
    const f = this.findingFor(key);
    const ta = this.textarea;
    if (!f?.span || ta.value.substring(f.span.start, f.span.end) !== f.text) {
      this.say('The note has changed; that finding is no longer there.');
      return false;
    }
    const { start, end } = f.span;
    const expected = ta.value.slice(0, start) + words + ta.value.slice(end);
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(start, end);
    let done = false;
    try {
      // insertText keeps the browser's undo history, so Ctrl+Z undoes it,
      // and fires the same beforeinput/input events as typing.
      done = ta.ownerDocument.execCommand('insertText', false, words) && ta.value === expected;
    } catch {
      done = false;
    }
    if (!done && ta.value !== expected) {
      ta.setRangeText(words, start, end, 'end');
      ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: words }));
    }
    this.scrollToSpan({ start, end: start + words.length });
    this.run(true);
    this.say(`Replaced “${f.text}” with “${words}”. Press Control+Z in the note to undo.`);
    this.emit('suggestion-applied', { rule: f.rule, text: f.text, replacement: words, start });
    return true;
  }

  dismissByKey(key) {
    const f = this.keyed?.get(key);
    if (!f) return;
    // Move focus to the next finding before this one disappears.
    const focusables = [...this.panelRoot.querySelectorAll('.cnc-locate, .cnc-finding .cnc-dismiss')];
    const item = this.panelRoot.querySelector(`.cnc-finding[data-cnc-key="${CSS.escape(key)}"]`);
    const after = focusables.find((n) => item && !item.contains(n) && (item.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING));
    const nextItem = after?.closest('.cnc-finding');
    this.dismissed.set(dismissKey(f.rule, f.text), { rule: f.rule, text: f.text });
    this.afterDismissalChange(nextItem?.dataset.cncKey);
    this.say(`Dismissed${f.text ? ` “${f.text}”` : ''}. ${this.countsText()}.`);
  }

  afterDismissalChange(focusNextKey) {
    this.emit('dismissals-changed', this.dismissals());
    if (this.state !== 'ready' || !this.lastReport) return;
    const hadFocus = this.panelRoot?.contains(document.activeElement);
    // Never draw the last report over text that has changed since it.
    if (this.textarea.value !== this.renderedText) this.run(true);
    else this.render(this.renderedText, this.lastReport);
    if (hadFocus && focusNextKey !== undefined && this.panelRoot) {
      const next = focusNextKey && this.panelRoot.querySelector(`.cnc-finding[data-cnc-key="${CSS.escape(focusNextKey)}"] [data-cnc-focus]`);
      (next ?? this.panelRoot.querySelector('.cnc-finding [data-cnc-focus]') ?? this.findingsHeading).focus();
    }
  }

  // --- announcements and events -------------------------------------------------------------------

  scheduleAnnouncement() {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      const text = this.countsText();
      if (text === this.announced) return;
      this.announced = text;
      this.say(text);
    }, ANNOUNCE_DELAY);
  }

  say(text) {
    if (!this.liveRegion) return;
    this.announced = this.countsText();
    // The region's one text node changes in place (no node inserted, see
    // setText); the same words again get a no-break space so they change.
    const current = this.liveRegion.textContent;
    setText(this.liveRegion, current === text ? `${text}\u00a0` : text);
  }

  emit(type, detail, alsoOn) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
    if (alsoOn) alsoOn.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
    this.options.onEvent?.(type, detail);
  }
}

// --- <case-note-checker for="note-id"> ---------------------------------------------------------

const ATTRIBUTE_FIELDS = {
  'data-event': ['event'],
  'data-event-at': ['event_at'],
  'data-recorded-at': ['recorded_at'],
  'data-child-name': ['child', 'name'],
  'data-child-age': ['child', 'age_years'],
  ...Object.fromEntries(AREAS.map((a) => [`data-equality-${a.replace(/_/g, '-')}`, ['equality', a]])),
};

/** The context a `<case-note-checker>` element's data- attributes give. */
function contextFromAttribute(name, value) {
  const path = ATTRIBUTE_FIELDS[name];
  if (!path) return null;
  let v = value;
  if (path[1] === 'age_years') v = value === null || value.trim() === '' ? null : Number(value);
  else if (path[0] !== 'equality' && value !== null && value.trim() === '') v = null;
  return path.length === 1 ? { [path[0]]: v } : { [path[0]]: { [path[1]]: v } };
}

const HTMLElementBase = globalThis.HTMLElement ?? class {};

/**
 * `<case-note-checker for="note-id">`: guidance for the textarea with that id
 * (or for a textarea inside the element), shown inside the element.
 * Attributes: data-event, data-event-at, data-recorded-at, data-child-name,
 * data-child-age, data-equality-<area> (present but empty: the form's field
 * is empty), data-policy (a same-origin URL), data-heading-level.
 * Changing an attribute re-checks. Events: findings-changed, checked,
 * checker-ready, checker-unavailable, context-error, dismissals-changed.
 */
export class CaseNoteCheckerElement extends HTMLElementBase {
  static get observedAttributes() {
    return [...Object.keys(ATTRIBUTE_FIELDS), 'data-policy', 'for'];
  }

  constructor() {
    super();
    this.controller = null;
  }

  connectedCallback() {
    if (this.controller) return;
    const connect = () => {
      if (!this.isConnected || this.controller) return;
      const id = this.getAttribute('for');
      const textarea = id ? this.ownerDocument.getElementById(id) : this.querySelector('textarea');
      if (!(textarea instanceof HTMLTextAreaElement)) {
        if (this.ownerDocument.readyState === 'loading') {
          this.ownerDocument.addEventListener('DOMContentLoaded', connect, { once: true });
        } else {
          console.warn(`<case-note-checker>: no textarea ${id ? `with id "${id}"` : 'inside the element'}`);
        }
        return;
      }
      let context = {};
      for (const name of Object.keys(ATTRIBUTE_FIELDS)) {
        if (!this.hasAttribute(name)) continue;
        const part = contextFromAttribute(name, this.getAttribute(name));
        for (const [k, v] of Object.entries(part)) context = mergeContext(context, k, v);
      }
      this.dataset.cncState = 'loading';
      const controller = attachChecker(textarea, {
        panel: this,
        context,
        policyUrl: this.dataset.policy || undefined,
        headingLevel: Number(this.dataset.headingLevel) || 3,
        ...(this.options ?? {}),
      });
      this.controller = controller;
      for (const type of ['findings-changed', 'checked', 'checker-ready', 'checker-unavailable', 'context-error', 'dismissals-changed', 'suggestion-applied', 'policy-changed']) {
        controller.addEventListener(type, (e) => this.dispatchEvent(new CustomEvent(type, { detail: e.detail })));
      }
      controller.ready.then((ok) => {
        if (this.controller === controller) this.dataset.cncState = ok ? 'ready' : 'unavailable';
      });
    };
    connect();
  }

  disconnectedCallback() {
    // Moving the element within the page keeps its checker; removing it ends it.
    queueMicrotask(() => {
      if (!this.isConnected && this.controller) {
        this.controller.detach();
        this.controller = null;
        delete this.dataset.cncState;
      }
    });
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this.controller || oldValue === value) return;
    if (name === 'for') {
      this.controller.detach();
      this.controller = null;
      this.connectedCallback();
    } else if (name === 'data-policy') {
      this.controller.setPolicy(value ? { policyUrl: value } : {});
    } else {
      this.controller.setContext(contextFromAttribute(name, value));
    }
  }

  get ready() { return this.controller?.ready ?? Promise.resolve(false); }
  report() { return this.controller?.report() ?? null; }
  findings() { return this.controller?.findings() ?? []; }
  dismissals() { return this.controller?.dismissals() ?? []; }
  refresh() { return this.controller?.refresh() ?? null; }
  setContext(partial, opts) { this.controller?.setContext(partial, opts); }
  setPolicy(policy) { return this.controller?.setPolicy(policy); }
}

function mergeContext(ctx, key, value) {
  if (value && typeof value === 'object') return { ...ctx, [key]: { ...(ctx[key] ?? {}), ...value } };
  return { ...ctx, [key]: value };
}

if (globalThis.customElements && !customElements.get('case-note-checker')) {
  customElements.define('case-note-checker', CaseNoteCheckerElement);
}
