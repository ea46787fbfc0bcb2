// Pure functions on a report's findings: dismissals, counts, and what the
// panel's "at a glance" rows say. Meaning comes from each finding's `kind`
// (term, passage, missing, field-empty, late), never from its wording or
// from a rule's usual severity, which a council's policy may change.

import { diffRange, mapSpan } from './segments.js';

export const SEVERITIES = ['error', 'warning', 'advice'];
export const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', advice: 'Advice' };

export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export const capitalise = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** A dismissal's identity: the rule and the flagged words ("" for a note-wide finding). */
export const dismissKey = (rule, text) => `${rule}\u001f${text}`;

/** The findings not dismissed. `dismissed` is a Set or Map keyed by dismissKey. */
export const activeFindings = (findings, dismissed) => findings.filter((f) => !dismissed.has(dismissKey(f.rule, f.text)));

/**
 * A finding that asks the worker a question rather than stating a fault: a
 * "missing" finding the policy rates as advice (for example "Is the
 * child's voice here? …"). Shown in a question style.
 */
export const isQuestion = (finding) => finding.kind === 'missing' && finding.severity === 'advice';

/** The label written before a finding: its severity, or "Question". */
export const findingLabel = (finding) => (isQuestion(finding) ? 'Question' : SEVERITY_LABEL[finding.severity] ?? finding.severity);

/** "3 findings: 1 error, 2 advice", or "No findings". */
export function countsText(active) {
  if (!active.length) return 'No findings';
  const counts = SEVERITIES.map((s) => [s, active.filter((f) => f.severity === s).length]).filter(([, n]) => n);
  return `${plural(active.length, 'finding')}: ${counts.map(([s, n]) => (s === 'advice' ? `${n} advice` : plural(n, s))).join(', ')}`;
}

/**
 * Each finding with a key that stays the same while the note is edited
 * elsewhere (rule, words and which occurrence), and whether it is dismissed.
 */
export function keyFindings(findings, dismissed) {
  const seen = new Map();
  return findings.map((finding) => {
    const base = dismissKey(finding.rule, finding.text);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { key: `${base}\u001f${n}`, finding, dismissed: dismissed.has(base) };
  });
}

/**
 * A finding drawn for `listText`, found again in the findings for `text`
 * (the note has been edited since): the same rule and words nearest to
 * where the edit moved it, or the same note-wide rule; null if gone.
 */
export function findAgain(before, listText, text, findings) {
  if (listText === text) return before;
  if (!before.span) return findings.find((f) => !f.span && f.rule === before.rule) ?? null;
  const moved = mapSpan(before.span, diffRange(listText ?? '', text)) ?? before.span;
  const candidates = findings.filter((f) => f.span && f.rule === before.rule && f.text === before.text);
  candidates.sort((a, b) => Math.abs(a.span.start - moved.start) - Math.abs(b.span.start - moved.start));
  return candidates[0] ?? null;
}

/**
 * The equality row: the areas the note records, how many of the form's
 * equality fields are empty (findings of kind `field-empty`), and how many
 * needs are recorded without the support used (the equality rule's other
 * findings).
 */
export function equalitySummary(report, active) {
  const equality = active.filter((f) => f.rule === 'equality-information');
  return {
    areas: report.equality.mentioned.map((a) => a.replace(/_/g, ' ')),
    emptyFields: equality.filter((f) => f.kind === 'field-empty').length,
    needs: equality.filter((f) => f.kind !== 'field-empty').length,
  };
}

/**
 * The standards the findings fall under, each with its rules and their
 * findings, in standard order (findings with no standard last):
 * `[[standard, Map(rule → keyed[])]]`.
 */
export function groupByStandard(keyed) {
  const standards = new Map();
  for (const k of keyed) {
    if (k.dismissed) continue;
    const std = k.finding.standard ?? 0;
    if (!standards.has(std)) standards.set(std, new Map());
    const rules = standards.get(std);
    if (!rules.has(k.finding.rule)) rules.set(k.finding.rule, []);
    rules.get(k.finding.rule).push(k);
  }
  return [...standards.keys()].sort((a, b) => (a || 99) - (b || 99)).map((std) => [std, standards.get(std)]);
}

/** What each kind of cue is called when a judgement is explained. */
export const CUE_LABELS = {
  'your-view': 'your view',
  'hedged-analysis': 'hedged analysis',
  analysis: 'analysis',
  reasoning: 'reasoning',
  'need-and-risk': 'need and risk',
  recommendation: 'a recommendation',
  decision: 'a decision with reasons',
  worry: 'a worry statement',
  heading: 'analysis under a heading',
  'childs-words': "the child's words",
  'told-you': 'what the child told you',
  'wishes-and-feelings': 'wishes and feelings',
  'what-you-saw': 'what you saw of the child',
  'written-to-the-child': 'written to the child',
  'direct-work': 'direct work',
  wording: 'the wording',
};

/**
 * Why a presence (opinion, child's voice) counted, from the cue behind its
 * first passage: "counted as hedged analysis: ‘might indicate’". Empty when
 * the report gives no cue. Long cue words are cut to keep the line short.
 */
export function cueText(presence, max = 60) {
  const cue = presence?.cues?.[0];
  if (!cue || typeof cue.text !== 'string') return '';
  const label = CUE_LABELS[cue.cue] ?? String(cue.cue ?? 'a cue').replace(/-/g, ' ');
  const words = cue.text.length > max ? `${cue.text.slice(0, max - 1).trimEnd()}…` : cue.text;
  return `counted as ${label}: ‘${words}’`;
}

/** How sure the checker is that a presence (opinion, child's voice) is there, as words, when the report says. */
export function confidenceText(presence) {
  const c = presence?.confidence;
  if (typeof c !== 'number' || !Number.isFinite(c)) return '';
  return ` (${Math.round(Math.max(0, Math.min(1, c)) * 100)}% sure)`;
}
