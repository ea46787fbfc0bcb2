// Pure functions: which of a finding's suggestions are words to put in
// place of the flagged ones (a "Replace with" button), and which are
// guidance to show as text.

/**
 * Whether a suggestion is words to put in place of the flagged ones, and
 * which words: "social worker" is; "seemed (then say what you saw or heard)"
 * is "seemed" with a note; "describe what happened: …", templates with "…"
 * and placeholders such as "the child's name" are guidance, shown as text.
 * Returns `{words, note}` or null.
 */
export function replacementFor(suggestion, context) {
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
export function fitReplacement(words, text, start) {
  const before = text.slice(Math.max(0, start - 3), start);
  const sentenceStart = start === 0 || /(^|[.!?]\s+|\n\s*)$/.test(before);
  const flagged = text[start] ?? '';
  if (sentenceStart && flagged !== flagged.toLowerCase()) return words[0].toUpperCase() + words.slice(1);
  return words;
}

/**
 * A finding's suggestions split into replacements (`{words, note}`, fitted
 * to the sentence, no two alike) and guidance (text). Only a finding with a
 * span in an editable field gets replacements.
 */
export function splitSuggestions(finding, { text, context, editable }) {
  const replacements = [];
  const guidance = [];
  for (const s of finding.suggestions ?? []) {
    const r = finding.span && editable ? replacementFor(s, context) : null;
    if (r) {
      r.words = fitReplacement(r.words, text, finding.span.start);
      if (!replacements.some((x) => x.words === r.words)) replacements.push(r);
    } else {
      guidance.push(s);
    }
  }
  return { replacements, guidance };
}
