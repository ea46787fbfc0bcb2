// The trainer's page: the example library, the form, the checker beside it,
// the rules explained, and a print view. Nothing here sends the note
// anywhere, and user text only ever reaches the page as text.

import { attachChecker } from './case-note-checker.js';
import { EXAMPLES, FIRST_EXAMPLE } from './examples.js';
import { renderRules } from './explain.js';
import { renderPrint } from './print.js';

const $ = (id) => document.getElementById(id);
const note = $('note');
const inputs = {
  event: $('event'), eventAt: $('event-at'), recordedAt: $('recorded-at'), childName: $('child-name'), childAge: $('child-age'),
};
const AREAS = ['ethnicity', 'race', 'culture', 'gender', 'age', 'religion', 'language', 'communication',
  'sensory_impairment', 'disability', 'sexual_orientation'];
const equalityOn = $('equality-on');
const equalityFields = $('equality-fields');
const equalityInputs = new Map();
const errorBox = $('context-error');
const exampleSelect = $('example');
const versionPoor = $('version-poor');
const versionImproved = $('version-improved');
const resetButton = $('reset-example');
const policySelect = $('policy');
const policyStatus = $('policy-status');
const byId = new Map(EXAMPLES.map((e) => [e.id, e]));

/** The example the note holds (its id), or null for the trainer's own note. */
let current = null;
/** Edits to examples, kept while the page is open so switching versions loses nothing. */
const edits = new Map();
let controller = null;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

// --- the form's fields and the checker's context --------------------------------

function buildEqualityFields() {
  const grid = $('equality-grid');
  for (const area of AREAS) {
    const id = `eq-${area.replace(/_/g, '-')}`;
    const field = el('div', 'field');
    const label = el('label', null, area[0].toUpperCase() + area.slice(1).replace(/_/g, ' '));
    label.htmlFor = id;
    const input = el('input');
    input.type = 'text';
    input.id = id;
    input.name = `equality_${area}`;
    input.autocomplete = 'off';
    field.append(label, input);
    grid.append(field);
    equalityInputs.set(area, input);
  }
  equalityOn.addEventListener('change', () => {
    showEquality(equalityOn.checked);
    contextChanged();
  });
}

function showEquality(on) {
  equalityOn.checked = on;
  equalityFields.disabled = !on;
  equalityFields.hidden = !on;
}

/** The context the checker takes, from the form's fields. */
function readContext() {
  const age = inputs.childAge.value;
  const ctx = {
    event: inputs.event.value || null,
    event_at: inputs.eventAt.value || null,
    recorded_at: inputs.recordedAt.value || null,
    child: { name: inputs.childName.value.trim() || null, age_years: age === '' ? null : Number(age) },
    equality: null,
  };
  if (equalityOn.checked) {
    ctx.equality = {};
    for (const [area, input] of equalityInputs) ctx.equality[area] = input.value;
  }
  return ctx;
}

function writeContext(ctx = {}) {
  inputs.event.value = ctx.event ?? '';
  inputs.eventAt.value = ctx.event_at ?? '';
  inputs.recordedAt.value = ctx.recorded_at ?? '';
  inputs.childName.value = ctx.child?.name ?? '';
  inputs.childAge.value = ctx.child?.age_years ?? '';
  showEquality(Boolean(ctx.equality));
  for (const [area, input] of equalityInputs) input.value = ctx.equality?.[area] ?? '';
}

function contextChanged() {
  controller?.setContext(readContext(), { replace: true });
}

// The input each context error names (its path, from the error's own
// `field`), so it can be marked invalid.
function inputFor(field) {
  const direct = {
    event: inputs.event, event_at: inputs.eventAt, recorded_at: inputs.recordedAt,
    'child.name': inputs.childName, 'child.age_years': inputs.childAge,
  }[field];
  if (direct) return direct;
  const m = /^equality\.(\w+)$/.exec(field ?? '');
  return m ? equalityInputs.get(m[1]) : null;
}

function showContextError(detail) {
  const message = detail ? `The event details could not be used, so the note was checked without them. ${detail.message}` : '';
  if (errorBox.textContent !== message) errorBox.textContent = message;
  const bad = detail ? inputFor(detail.field) : null;
  for (const input of [...Object.values(inputs), ...equalityInputs.values()]) {
    if (input === bad) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'context-error');
    } else {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
  }
}

// --- the example library --------------------------------------------------------------

const versionName = (e) => (e.version === 'poor' ? 'poor version' : e.version === 'improved' ? 'improved version' : null);
const exampleLabel = (e) => (versionName(e) ? `${e.title} (${versionName(e)})` : e.title);

function buildExampleMenu() {
  const pairs = el('optgroup');
  pairs.label = 'Poor and improved versions';
  const more = el('optgroup');
  more.label = 'More examples';
  for (const e of EXAMPLES) (e.pair ? pairs : more).append(new Option(exampleLabel(e), e.id));
  exampleSelect.append(pairs, more);
  exampleSelect.addEventListener('change', () => loadExample(exampleSelect.value));
  versionPoor.addEventListener('click', () => switchVersion('poor'));
  versionImproved.addEventListener('click', () => switchVersion('improved'));
  resetButton.addEventListener('click', () => {
    if (!current) return;
    edits.delete(current);
    loadExample(current, { keepEdits: false });
  });
}

function switchVersion(version) {
  const e = byId.get(current);
  if (!e || e.version === version) return;
  loadExample(e.pair);
}

/** Puts an example (or "blank", the trainer's own note) in the form. */
function loadExample(id, { keepEdits = true, ask = true } = {}) {
  const example = byId.get(id) ?? null;
  if (ask && current === null && note.value.trim() && id !== 'blank') {
    const typed = !EXAMPLES.some((e) => e.text === note.value);
    if (typed && !window.confirm('Replace the note you have typed with the example?')) {
      exampleSelect.value = 'blank';
      return;
    }
  }
  if (current !== null && keepEdits) {
    const original = byId.get(current).text;
    if (note.value !== original) edits.set(current, note.value);
    else edits.delete(current);
  }
  current = example ? example.id : null;
  note.value = example ? edits.get(example.id) ?? example.text : '';
  writeContext(example?.context ?? {});
  note.scrollTop = 0;
  showExampleState();
  if (controller) {
    controller.setContext(readContext(), { replace: true });
    controller.refresh();
  }
}

let shownState = null;

function showExampleState() {
  const example = byId.get(current);
  const edited = Boolean(example) && (edits.has(example.id) || note.value !== example.text);
  // Typing calls this on every keystroke: change nothing unless the state
  // did (a node inserted anywhere in the page ends the browser's undo step).
  const state = `${current}|${edited}`;
  if (state === shownState) return;
  shownState = state;
  exampleSelect.value = example ? example.id : 'blank';
  const about = $('example-about');
  if (!example) {
    about.textContent = 'Your own note. Type or paste a note; fill in the event to see its recording deadline.';
  } else {
    about.replaceChildren(el('strong', null, `${exampleLabel(example)}. `), example.shows);
    if (edited) about.append(el('span', 'edited', ' You have edited this example.'));
  }
  const paired = Boolean(example?.pair);
  versionPoor.disabled = !paired;
  versionImproved.disabled = !paired;
  versionPoor.setAttribute('aria-pressed', String(example?.version === 'poor'));
  versionImproved.setAttribute('aria-pressed', String(example?.version === 'improved'));
  resetButton.disabled = !edited;
}

/** The library table: each example with its event and what the checker finds in it. */
function renderLibrary() {
  const body = $('library-body');
  const rows = EXAMPLES.map((e) => {
    const tr = el('tr');
    const name = el('td');
    const load = el('button', 'link-button', exampleLabel(e));
    load.type = 'button';
    load.addEventListener('click', () => {
      loadExample(e.id);
      note.focus();
      note.setSelectionRange(0, 0);
      $('workspace').scrollIntoView({ block: 'start' });
    });
    name.append(load);
    const event = el('td');
    const category = e.context.event ? controller?.policyInfo()?.categoryNames?.[e.context.event] ?? e.context.event : 'none';
    event.append(el('span', null, category));
    if (e.context.event_at) event.append(el('br'), el('span', 'hint', `event ${e.context.event_at.replace('T', ' ')}`));
    if (e.context.recorded_at) event.append(el('br'), el('span', 'hint', `recorded ${e.context.recorded_at.replace('T', ' ')}`));
    const flags = el('td');
    if (controller?.state === 'ready') {
      const report = controller.check(e.text, e.context);
      const standards = [...new Set(report.findings.map((f) => f.standard).filter((s) => s !== null))].sort();
      flags.textContent = report.findings.length
        ? `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}; standards ${standards.join(', ')}; ${report.deadline.status.replace('_', ' ')}`
        : `No findings; ${report.deadline.status.replace('_', ' ')}`;
    } else {
      flags.textContent = '–';
    }
    tr.append(name, event, flags, el('td', null, e.shows));
    return tr;
  });
  body.replaceChildren(...rows);
}

// --- the policy switcher --------------------------------------------------------------

async function switchPolicy() {
  if (!controller || controller.state !== 'ready') return;
  const url = policySelect.value;
  policyStatus.textContent = 'Loading the policy…';
  try {
    const switched = await controller.setPolicy(url ? { policyUrl: url } : {});
    if (!switched) return;
    policyStatus.textContent = `Checking against: ${controller.policyInfo().name}.`;
    document.body.dataset.policy = url || 'builtin';
    renderRulesView();
    renderLibrary();
  } catch (e) {
    policyStatus.textContent = `The policy could not be loaded (${e.message}); still using ${controller.policyInfo().name}.`;
  }
}

function renderRulesView() {
  const info = controller.policyInfo();
  $('rules-policy').textContent = `From the policy in use: ${info.name}. The same text as the checker’s “rules” command.`;
  renderRules({
    index: $('rules-index'),
    list: $('rules-list'),
    info,
    check: (text, context) => controller.check(text, context),
    onTry: (text, context) => tryText(text, context),
  });
}

/** Puts a rule's example in the note, as the trainer's own note. */
function tryText(text, context = {}) {
  if (current === null && note.value.trim() && note.value !== text && !window.confirm('Replace the note you have typed with this example?')) return;
  if (current !== null) {
    const original = byId.get(current).text;
    if (note.value !== original) edits.set(current, note.value);
  }
  current = null;
  note.value = text;
  writeContext(context);
  showExampleState();
  controller.setContext(readContext(), { replace: true });
  controller.refresh();
  note.focus();
  note.setSelectionRange(0, 0);
  $('workspace').scrollIntoView({ block: 'start' });
}

// --- the print view ------------------------------------------------------------------

function buildPrint() {
  const example = byId.get(current);
  renderPrint($('print-body'), {
    text: note.value,
    report: controller?.report() ?? null,
    findings: controller?.findings() ?? [],
    dismissed: controller?.dismissals() ?? [],
    context: readContext(),
    info: controller?.policyInfo() ?? null,
    title: example ? exampleLabel(example) : 'Own note',
  });
}

function openPrint() {
  buildPrint();
  document.body.classList.add('show-print');
  $('print-view').hidden = false;
  $('print-heading')?.focus();
}

function closePrint() {
  document.body.classList.remove('show-print');
  $('print-view').hidden = true;
  $('open-print').focus();
}

// --- start -------------------------------------------------------------------------------

async function start() {
  buildEqualityFields();
  buildExampleMenu();
  loadExample(FIRST_EXAMPLE, { ask: false });
  renderLibrary();
  for (const input of [...Object.values(inputs), ...equalityInputs.values()]) {
    input.addEventListener('input', contextChanged);
    input.addEventListener('change', contextChanged);
  }
  note.addEventListener('input', () => {
    if (current !== null) showExampleState();
  });
  $('open-print').addEventListener('click', openPrint);
  $('close-print').addEventListener('click', closePrint);
  $('print-now').addEventListener('click', () => window.print());
  window.addEventListener('beforeprint', () => { if (!document.body.classList.contains('show-print')) buildPrint(); });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && document.body.classList.contains('show-print')) closePrint();
  });

  controller = attachChecker(note, {
    // ?checking=page keeps checks on the page's own thread (to compare with the worker).
    worker: new URLSearchParams(location.search).get('checking') !== 'page',
    panel: $('guidance'),
    headingLevel: 3,
    context: readContext(),
    showContextErrors: false,
    ruleHref: (id) => `#rule-${id}`,
  });
  controller.addEventListener('case-note-checker:context-error', (e) => showContextError(e.detail));
  policySelect.addEventListener('change', switchPolicy);
  const ok = await controller.ready;
  if (!ok) {
    const notice = $('load-notice');
    notice.textContent = 'The checker could not be loaded, so this note is not being checked. You can still write and submit it.';
    notice.hidden = false;
    $('guidance').append(el('p', null, 'The checker is not available.'));
    policySelect.disabled = true;
    document.body.dataset.checkerReady = 'false';
    return;
  }
  window.caseNoteChecker = {
    check: (text, context) => controller.check(text, context),
    get lastReport() { return controller.report(); },
    controller,
    examples: EXAMPLES,
  };
  policyStatus.textContent = `Checking against: ${controller.policyInfo().name}.`;
  document.body.dataset.policy = 'builtin';
  renderRulesView();
  renderLibrary();
  if (policySelect.value) await switchPolicy();
  document.body.dataset.checkerReady = 'true';
}

start();
