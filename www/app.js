// The page: checks the note in this browser on every edit, at most once per
// animation frame (less often for a note too long to check in one). Nothing
// here sends the note anywhere, and user text only ever reaches the page
// through textContent.

import init, { Checker } from './pkg/case_note_checker.js';
import { EXAMPLES } from './examples.js';

const $ = (id) => document.getElementById(id);
const form = $('note-form');
const note = $('note');
const inputs = {
  event: $('event'), eventAt: $('event-at'), recordedAt: $('recorded-at'), childName: $('child-name'), childAge: $('child-age'),
};
const errorBox = $('context-error');
const summary = $('summary');
const announcer = $('announcer');
const findingsList = $('findings');
const results = $('results');
const exampleSelect = $('example');

const SEVERITY = { error: 'Error', warning: 'Warning', advice: 'Advice' };
const CATEGORY = {
  high_risk: 'High risk: by the end of the same day',
  s47_strategy_significant: 'S.47, strategy discussion or significant event: within 24 hours',
  statutory_visit: 'Statutory visit: within 72 hours',
  other: 'Other: within 5 working days',
};
const STATUS = { on_time: 'recorded on time', overdue: 'overdue', unknown: 'status unknown (add the event and recorded times)' };
// The input each context error names, so it can be marked invalid.
const FIELD_INPUT = {
  'context.event': inputs.event, 'context.event_at': inputs.eventAt, 'context.recorded_at': inputs.recordedAt,
  'context.child.name': inputs.childName, 'context.child.age_years': inputs.childAge,
};

let checker = null;
let ruleTitles = new Map();
let pending = false;
let lastCost = 0;
let lastReport = null;
let renderedText = null;
let lastKey = null;
let announced = 0;
let announceTimer = 0;

/** The context object the checker takes, from the optional inputs. */
function readContext() {
  const ctx = {};
  if (inputs.event.value) ctx.event = inputs.event.value;
  if (inputs.eventAt.value) ctx.event_at = inputs.eventAt.value;
  if (inputs.recordedAt.value) ctx.recorded_at = inputs.recordedAt.value;
  const child = {};
  if (inputs.childName.value.trim()) child.name = inputs.childName.value.trim();
  if (inputs.childAge.value !== '') child.age_years = Number(inputs.childAge.value);
  if (Object.keys(child).length) ctx.child = child;
  return ctx;
}

function schedule() {
  if (!checker || pending) return;
  pending = true;
  const later = () => requestAnimationFrame(() => { if (pending) run(); });
  if (lastCost <= 16) {
    later();
  } else {
    // A long note takes more than a frame to check: leave typing twice that
    // long between checks, and dim the results until they catch up.
    results.classList.add('stale');
    setTimeout(later, Math.min(2 * lastCost, 1000));
  }
}

/** Checks the text as it is now and shows the result, so nothing shown is older than the text. */
function run() {
  pending = false;
  const text = note.value;
  const context = readContext();
  // A `change` event (the textarea losing focus to a finding's button) is no
  // edit: redrawing then would pull the button out from under the click.
  const key = JSON.stringify([text, context]);
  if (key === lastKey) {
    results.classList.remove('stale');
    return;
  }
  lastKey = key;
  let report;
  let error = null;
  const started = performance.now();
  try {
    report = checker.check(text, context);
  } catch (e) {
    error = e;
    try {
      report = checker.check(text, undefined);
    } catch {
      showError(e);
      return;
    }
  }
  lastCost = performance.now() - started;
  showError(error);
  render(text, report);
}

function showError(error) {
  const message = error ? `The event details could not be used, so the note was checked without them. ${error.message}` : '';
  if (errorBox.textContent !== message) errorBox.textContent = message;
  const field = error ? String(error.message).split(':')[0] : null;
  for (const [name, input] of Object.entries(FIELD_INPUT)) {
    if (name === field) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'context-error');
    } else {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
  }
}

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function render(text, report) {
  renderedText = text;
  lastReport = report;
  results.classList.remove('stale');
  const blank = text.trim() === '';
  const findings = blank ? [] : report.findings;
  if (blank) {
    summary.textContent = 'Start typing a note to check it.';
  } else {
    const counts = Object.keys(SEVERITY).map((s) => [s, findings.filter((f) => f.severity === s).length]).filter(([, n]) => n);
    summary.textContent = findings.length === 0
      ? 'No findings: the checker found nothing to change.'
      : `${plural(findings.length, 'finding')}: ${counts.map(([s, n]) => (s === 'advice' ? `${n} advice` : plural(n, s))).join(', ')}.`;
  }
  renderGlance(blank ? null : report);
  findingsList.replaceChildren(...findings.map(renderFinding));
  scheduleAnnouncement();
}

function renderGlance(report) {
  const set = (id, value) => { $(id).textContent = report ? value : '–'; };
  if (!report) return ['glance-opinion', 'glance-voice', 'glance-equality', 'glance-jargon', 'glance-deadline'].forEach((id) => set(id));
  const yesNo = (p) => (p.present ? 'Yes' : 'No');
  set('glance-opinion', yesNo(report.opinion));
  set('glance-voice', yesNo(report.child_voice));
  set('glance-equality', report.equality.mentioned.map((a) => a.replace(/_/g, ' ')).join(', ') || 'None recorded');
  const jargon = report.findings.filter((f) => f.rule === 'jargon').length;
  set('glance-jargon', jargon ? plural(jargon, 'term') : 'None found');
  const d = report.deadline;
  const due = d.due ? `due ${formatTime(d.due)}` : 'due date unknown';
  set('glance-deadline', `${CATEGORY[d.category]}; ${due}; ${STATUS[d.status]}`);
}

/** "2026-11-23T10:00" (local, as the report gives it) in words. */
function formatTime(value) {
  const [y, mo, d, h, mi] = value.split(/[-T:]/).map(Number);
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
    .format(new Date(y, mo - 1, d, h, mi));
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderFinding(finding) {
  const item = el('li', `finding finding-${finding.severity}`);
  const head = el('p', 'finding-head');
  head.append(el('strong', 'severity', SEVERITY[finding.severity] ?? finding.severity), ' ', el('span', 'rule', ruleTitles.get(finding.rule) ?? finding.rule));
  if (finding.standard !== null) head.append(' ', el('span', 'standard', `(Standard ${finding.standard})`));
  item.append(head);
  if (finding.span) {
    const flagged = el('p', 'flagged', 'Flagged: ');
    flagged.append(el('mark', null, finding.text));
    item.append(flagged);
  }
  item.append(el('p', 'message', finding.message));
  if (finding.suggestions.length) {
    const list = el('ul', 'suggestions');
    list.append(...finding.suggestions.map((s) => el('li', null, s)));
    item.append(el('p', 'suggestions-label', 'Try:'), list);
  }
  if (finding.span) {
    const button = el('button', 'select-span', `Select “${finding.text}” in the note`);
    button.type = 'button';
    button.addEventListener('click', () => selectSpan(finding));
    item.append(button);
  }
  return item;
}

function selectSpan(finding) {
  // The list is redrawn on the frame after an edit. If the text changed in
  // between, check it now and select the same words where they are now.
  let target = finding;
  if (note.value !== renderedText) {
    run();
    const distance = (f) => Math.abs(f.span.start - finding.span.start);
    target = lastReport.findings
      .filter((f) => f.span && f.rule === finding.rule && f.text === finding.text)
      .sort((a, b) => distance(a) - distance(b))[0];
  }
  note.focus();
  if (target) note.setSelectionRange(target.span.start, target.span.end);
}

const findingCount = () => (renderedText && renderedText.trim() ? lastReport.findings.length : 0);

/** Tells screen readers the number of findings once typing pauses, if it changed. */
function scheduleAnnouncement() {
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    const count = findingCount();
    if (count === announced) return;
    announced = count;
    announcer.textContent = count ? plural(count, 'finding') : 'No findings';
  }, 1000);
}

function loadExample() {
  const example = EXAMPLES.find((e) => e.id === exampleSelect.value);
  exampleSelect.value = '';
  if (!example) return;
  const typed = note.value.trim() && !EXAMPLES.some((e) => e.text === note.value);
  if (typed && !window.confirm('Replace the note you have typed with the example?')) return;
  const ctx = example.context;
  note.value = example.text;
  inputs.event.value = ctx.event ?? '';
  inputs.eventAt.value = ctx.event_at ?? '';
  inputs.recordedAt.value = ctx.recorded_at ?? '';
  inputs.childName.value = ctx.child?.name ?? '';
  inputs.childAge.value = ctx.child?.age_years ?? '';
  if (checker) run();
  note.focus();
}

async function start() {
  for (const example of EXAMPLES) exampleSelect.append(new Option(example.label, example.id));
  exampleSelect.addEventListener('change', loadExample);
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  try {
    await init();
    checker = new Checker();
    ruleTitles = new Map(checker.rules().map((r) => [r.id, r.title]));
  } catch (e) {
    checker = null;
    const notice = $('load-notice');
    notice.textContent = 'The checker could not be loaded, so this note is not being checked. You can still write and submit it.';
    notice.hidden = false;
    summary.textContent = 'The checker is not available.';
    document.body.dataset.checkerReady = 'false';
    console.warn('case-note-checker: could not load the checker:', e);
    return;
  }
  window.caseNoteChecker = {
    check: (text, context) => checker.check(text, context),
    get lastReport() { return lastReport; },
  };
  run();
  announced = findingCount();
  document.body.dataset.checkerReady = 'true';
}

start();
