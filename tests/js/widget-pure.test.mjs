// The widget's pure modules (www/checker/), without a browser:
// node --test tests/js/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffRange, mapSegments, mapSpan, piecesByLine, segmentChanges, segmentsOf } from '../../www/checker/segments.js';
import { fitReplacement, replacementFor, splitSuggestions } from '../../www/checker/suggestions.js';
import {
  activeFindings, confidenceText, countsText, cueText, dismissKey, equalitySummary, findAgain, findingLabel, groupByStandard, isQuestion, keyFindings,
} from '../../www/checker/findings.js';
import {
  contextFromAttribute, countsDown, errorDetails, withRecordedNow, fieldValue, mergeContext, parseFieldMap, partialFor, withoutField,
} from '../../www/checker/context.js';
import { categoryLabel, countdown, formatDuration, localStamp, parseLocal, recordedAgainst } from '../../www/checker/time.js';
import { EVENT_ALIASES, eventNames } from '../../www/checker/events.js';
import { errorFrom } from '../../www/checker/worker-client.js';

const finding = (over) => ({ rule: 'jargon', kind: 'term', severity: 'warning', standard: 1, span: null, text: '', message: '', suggestions: [], ...over });

test('diffRange finds the changed part; mapSpan moves spans after it and drops those it touched', () => {
  assert.deepEqual(diffRange('The SW came.', 'The SW came today.'), [11, 11, 17]);
  assert.deepEqual(diffRange('abc', 'abc'), [3, 3, 3]);
  assert.deepEqual(diffRange('LAC review', 'CIN review'), [0, 3, 3]);
  const edit = diffRange('Mum LAC dad', 'Mum, LAC dad');
  assert.deepEqual(mapSpan({ start: 0, end: 3 }, edit), { start: 0, end: 3 });
  assert.deepEqual(mapSpan({ start: 4, end: 7 }, edit), { start: 5, end: 8 });
  assert.equal(mapSpan({ start: 0, end: 5 }, diffRange('abcdef', 'abXdef')), null);
  // Emoji are two UTF-16 units: offsets are units, as the report's spans are.
  assert.deepEqual(diffRange('😀 LAC', '😀😀 LAC'), [2, 2, 4]);
});

test('segmentsOf merges overlapping spans with the strongest severity and counts them', () => {
  const segs = segmentsOf([
    finding({ span: { start: 0, end: 10 }, severity: 'advice' }),
    finding({ span: { start: 5, end: 8 }, severity: 'error' }),
    finding({ span: null }),
    finding({ span: { start: 12, end: 12 } }),
  ]);
  assert.deepEqual(segs, [
    { start: 0, end: 5, severity: 'advice', count: 1 },
    { start: 5, end: 8, severity: 'error', count: 2 },
    { start: 8, end: 10, severity: 'advice', count: 1 },
  ]);
  assert.deepEqual(segmentsOf([]), []);
});

test('mapSegments keeps untouched segments (the same objects) and moves those after the edit', () => {
  const a = { start: 0, end: 3, severity: 'warning', count: 1 };
  const b = { start: 10, end: 13, severity: 'advice', count: 1 };
  const c = { start: 5, end: 8, severity: 'error', count: 1 };
  const moved = mapSegments([a, c, b], diffRange('0123456789abcdef', '0123456X789abcdef'));
  assert.equal(moved[0], a);
  assert.deepEqual(moved.slice(1), [{ start: 11, end: 14, severity: 'advice', count: 1 }]);
});

test('segmentChanges says which underlines to keep, remove and add, so only changed ones are redrawn', () => {
  const s = (start, end, severity = 'warning', count = 1) => ({ start, end, severity, count });
  const drawn = [s(0, 3), s(5, 8), s(10, 12)];
  const wanted = [s(0, 3), s(5, 8, 'error'), s(10, 12), s(20, 25)];
  assert.deepEqual(segmentChanges(drawn, wanted), { keep: [0, 2], remove: [1], add: [1, 3] });
  assert.deepEqual(segmentChanges([], [s(1, 2)]), { keep: [], remove: [], add: [0] });
  assert.deepEqual(segmentChanges([s(1, 2)], []), { keep: [], remove: [0], add: [] });
});

test('piecesByLine splits segments at line ends, relative to each line', () => {
  const lines = ['ab LAC', 'CIN x'];
  assert.deepEqual(piecesByLine(lines, [{ start: 3, end: 10, severity: 'warning', count: 1 }]), [
    [[3, 6, 'warning', 1]], [[0, 3, 'warning', 1]],
  ]);
});

test('replacementFor tells replacement words from guidance, and uses the child’s first name', () => {
  assert.deepEqual(replacementFor('social worker'), { words: 'social worker', note: null });
  assert.deepEqual(replacementFor('seemed (then say what you saw or heard)'), { words: 'seemed', note: 'then say what you saw or heard' });
  assert.equal(replacementFor('describe what happened: …'), null);
  assert.equal(replacementFor("the child's name"), null);
  assert.deepEqual(replacementFor("the child's name", { child: { name: 'Tyler Jones' } }), { words: 'Tyler', note: null });
  assert.deepEqual(replacementFor("the child's home", { child: { name: 'Tyler Jones' } }), { words: "Tyler's home", note: null });
});

test('fitReplacement capitalises at the start of a sentence only', () => {
  assert.equal(fitReplacement('social worker', 'SW visited.', 0), 'Social worker');
  assert.equal(fitReplacement('social worker', 'Then the SW visited.', 9), 'social worker');
  assert.equal(fitReplacement('social worker', 'Done. SW visited.', 6), 'Social worker');
});

test('splitSuggestions gives replacements only for a span in an editable field, without duplicates', () => {
  const f = finding({ span: { start: 4, end: 6 }, text: 'SW', suggestions: ['social worker', 'social worker', 'say who visited: …'] });
  assert.deepEqual(splitSuggestions(f, { text: 'The SW came.', context: {}, editable: true }), {
    replacements: [{ words: 'social worker', note: null }], guidance: ['say who visited: …'],
  });
  assert.equal(splitSuggestions(f, { text: 'The SW came.', context: {}, editable: false }).replacements.length, 0);
});

test('findings: dismissals, counts, keys, grouping and the kinds that decide what the panel says', () => {
  const all = [
    finding({ text: 'LAC' }), finding({ text: 'LAC' }), finding({ rule: 'missing-child-voice', kind: 'missing', severity: 'advice', standard: 1 }),
    finding({ rule: 'late-recording', kind: 'late', severity: 'error', standard: null }),
  ];
  const dismissed = new Set([dismissKey('jargon', 'LAC')]);
  assert.equal(activeFindings(all, dismissed).length, 2);
  assert.equal(countsText(all), '4 findings: 1 error, 2 warnings, 1 advice');
  assert.equal(countsText([]), 'No findings');
  const keyed = keyFindings(all, dismissed);
  assert.deepEqual(keyed.map((k) => [k.key.split('\u001f').slice(1).join('|'), k.dismissed]), [['LAC|0', true], ['LAC|1', true], ['|0', false], ['|0', false]]);
  assert.deepEqual(groupByStandard(keyed).map(([std, rules]) => [std, [...rules.keys()]]), [[1, ['missing-child-voice']], [0, ['late-recording']]]);
  assert.equal(isQuestion(all[2]), true, 'a missing finding at advice asks a question');
  assert.equal(findingLabel(all[2]), 'Question');
  assert.equal(findingLabel(all[3]), 'Error');
  assert.equal(confidenceText({ present: true, confidence: 0.734 }), ' (73% sure)');
  assert.equal(confidenceText({ present: true }), '');
});

test('equalitySummary counts empty form fields by kind, whatever severity the policy gives them', () => {
  const report = { equality: { mentioned: ['language', 'sexual_orientation'] } };
  const active = [
    finding({ rule: 'equality-information', kind: 'field-empty', severity: 'warning' }),
    finding({ rule: 'equality-information', kind: 'field-empty', severity: 'advice' }),
    finding({ rule: 'equality-information', kind: 'passage', severity: 'advice' }),
  ];
  assert.deepEqual(equalitySummary(report, active), { areas: ['language', 'sexual orientation'], emptyFields: 2, needs: 1 });
});

test('findAgain finds a finding in the report for an edited note', () => {
  const before = finding({ span: { start: 4, end: 7 }, text: 'LAC' });
  const later = [finding({ span: { start: 0, end: 3 }, text: 'LAC' }), finding({ span: { start: 9, end: 12 }, text: 'LAC' })];
  assert.equal(findAgain(before, 'The LAC.', 'The LAC.', later), before);
  assert.equal(findAgain(before, 'The LAC. LAC', 'Hello The LAC. LAC', later), later[1]);
  assert.equal(findAgain(finding({ text: 'LAC', span: { start: 0, end: 3 } }), 'LAC', 'CIN', []), null);
});

test('mergeContext updates, removes and replaces fields; an empty equality field is kept', () => {
  const ctx = { event: 'other', child: { name: 'Jo', age_years: 9 } };
  assert.deepEqual(mergeContext(ctx, { event: null, child: { name: '' }, equality: { language: '' } }), { child: { age_years: 9 }, equality: { language: '' } });
  assert.deepEqual(mergeContext(ctx, { event_at: '2026-11-23T10:00' }, true), { event_at: '2026-11-23T10:00' });
  assert.deepEqual(ctx, { event: 'other', child: { name: 'Jo', age_years: 9 } }, 'the original is not changed');
  assert.deepEqual(mergeContext(ctx, { child: null }), { event: 'other' });
});

test('attributes and field values: ages are numbers, empty text is absent except for equality fields', () => {
  assert.deepEqual(contextFromAttribute('data-child-age', '9'), { child: { age_years: 9 } });
  assert.deepEqual(contextFromAttribute('data-equality-sensory-impairment', ''), { equality: { sensory_impairment: '' } });
  assert.deepEqual(contextFromAttribute('data-event', ''), { event: null });
  assert.equal(contextFromAttribute('data-other', 'x'), null);
  assert.equal(fieldValue('child.age_years', ' '), null);
  assert.deepEqual(partialFor('equality.religion', 'None'), { equality: { religion: 'None' } });
});

test('parseFieldMap reads the fields attribute and reports every bad pair', () => {
  const { map, problems } = parseFieldMap('event=EventType event_at=Date+Time  child.age_years=Age colour=Paint equality.language= event=Again');
  assert.deepEqual(map, [{ path: 'event', control: 'EventType' }, { path: 'event_at', control: 'Date+Time' }, { path: 'child.age_years', control: 'Age' }]);
  assert.deepEqual(problems.map((p) => p.path), ['fields.colour', 'fields.equality.language', 'fields.event']);
  assert.match(problems[0].message, /not a context field/);
  assert.deepEqual(parseFieldMap(null), { map: [], problems: [] });
});

test('errorDetails reads the structured error: problems and the field at fault, never the message', () => {
  const e = Object.assign(new Error('context.event_at: "2026-02-30T10:00" is not a real date'), {
    field: 'context.event_at', problems: [{ path: 'context.event_at', message: 'is not a real date' }],
  });
  assert.deepEqual(errorDetails(e), { message: e.message, field: 'event_at', problems: [{ path: 'context.event_at', message: 'is not a real date' }] });
  assert.equal(errorDetails(new Error('context.event_at: bad')).field, null, 'no field unless the error says so');
  assert.equal(errorDetails(Object.assign(new Error('x'), { field: 'context.child.age_years' })).field, 'child.age_years');
  assert.equal(errorDetails(Object.assign(new Error('context: expected an object'), { field: 'context' })).field, null, 'the whole context is no one field');
  const fromWorker = errorFrom({ message: 'm', problems: [{ path: 'p', message: 'q' }], field: 'context.recorded_at' });
  assert.ok(fromWorker instanceof Error);
  assert.deepEqual([fromWorker.message, fromWorker.field, fromWorker.problems], ['m', 'context.recorded_at', [{ path: 'p', message: 'q' }]]);
});

test('the context given to the checker counts the deadline from now when no recorded time is given', () => {
  const ctx = { event: 'other', event_at: '2026-11-23T10:00' };
  assert.deepEqual(withRecordedNow(ctx, '2026-11-23T12:00'), { ...ctx, recorded_at: '2026-11-23T12:00' });
  assert.deepEqual(withRecordedNow(ctx, '2026-11-22T12:00'), ctx, 'not before the event');
  assert.deepEqual(withRecordedNow(ctx, '2026-11-23T12:00', false), ctx);
  assert.deepEqual(withRecordedNow({ ...ctx, recorded_at: '2026-11-23T11:00' }, '2026-11-23T12:00').recorded_at, '2026-11-23T11:00');
  assert.equal(countsDown(ctx), true);
  assert.equal(countsDown({ ...ctx, recorded_at: '2026-11-23T11:00' }), false);
  assert.equal(countsDown({}), false);
});

test('withoutField drops one field (and an emptied group), or says it is not there', () => {
  assert.deepEqual(withoutField({ event: 'other', child: { age_years: 99 } }, 'child.age_years'), { event: 'other' });
  assert.deepEqual(withoutField({ event_at: 'x', event: 'other' }, 'event_at'), { event: 'other' });
  assert.equal(withoutField({ event: 'other' }, 'recorded_at'), null);
});

test('times: local stamps, durations, countdowns and how a recorded note stands', () => {
  assert.equal(localStamp(new Date(2026, 10, 23, 9, 5)), '2026-11-23T09:05');
  assert.equal(parseLocal('2026-11-23T10:00').getHours(), 10);
  assert.equal(parseLocal('nonsense'), null);
  assert.equal(formatDuration(3 * 1440 + 4 * 60 + 5), '3 d 4 h');
  assert.equal(formatDuration(200), '3 h 20 min');
  assert.equal(formatDuration(40), '40 min');
  const now = new Date(2026, 10, 26, 6, 40, 30);
  assert.deepEqual(countdown('2026-11-26T10:00', now), { overdue: false, text: 'due in 3 h 20 min', minutes: 200 });
  assert.equal(countdown('2026-11-26T06:00', now).text, 'overdue by 40 min');
  assert.equal(countdown(null, now), null);
  assert.deepEqual(recordedAgainst('2026-11-26T13:05', '2026-11-26T10:00', 'overdue'), { state: 'overdue', text: '; recorded 3 h 5 min late' });
  assert.equal(recordedAgainst('2026-11-26T09:00', '2026-11-26T10:00', 'on_time').text, '; recorded on time, 1 h before the deadline');
  assert.equal(categoryLabel({ statutory_visit: 'a statutory visit (within 72 hours)' }, 'statutory_visit'), 'Statutory visit (within 72 hours)');
  assert.equal(categoryLabel({}, 'high_risk'), 'High risk');
});

test('events are namespaced, with the old names as aliases for one release', () => {
  assert.deepEqual(eventNames('findings-changed'), ['case-note-checker:findings-changed', 'findings-changed']);
  assert.deepEqual(eventNames('ready'), ['case-note-checker:ready', 'checker-ready']);
  assert.deepEqual(eventNames('error'), ['case-note-checker:error']);
  assert.ok(Object.keys(EVENT_ALIASES).includes('checked'));
});

test('cueText says which cue counted, and cuts long words', () => {
  const span = { start: 0, end: 5 };
  assert.equal(cueText({ present: true, cues: [{ span, cue: 'hedged-analysis', text: 'might indicate' }] }), 'counted as hedged analysis: ‘might indicate’');
  assert.equal(cueText({ present: true, cues: [{ span, cue: 'childs-words', text: 'I miss my nan' }] }), "counted as the child's words: ‘I miss my nan’");
  assert.equal(cueText({ present: true, cues: [] }), '');
  assert.equal(cueText(undefined), '');
  const long = cueText({ cues: [{ span, cue: 'wording', text: 'x'.repeat(100) }] }, 20);
  assert.ok(long.endsWith('…’') && long.length < 60, long);
  assert.equal(cueText({ cues: [{ span, cue: 'a-new-kind', text: 'w' }] }), 'counted as a new kind: ‘w’');
});
