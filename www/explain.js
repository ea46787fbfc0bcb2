// "Rules explained": one card a rule, built from the checker's own rule
// metadata (checker.rules(), the text `case-note-check rules` prints) for
// the policy in use. The flagged example is run through the checker, so the
// card shows exactly what the rule flags in it.

import { cueText } from './checker/findings.js';

const SEVERITY = { error: 'Error', warning: 'Warning', advice: 'Advice' };

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/**
 * Some flagged examples need the form's times, written after the text as
 * "[event 2026-11-20T10:00, recorded 2026-11-24T09:00]".
 */
function exampleParts(example) {
  const m = /^(.*?)\s*\[event (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}), recorded (\d{4}-\d{2}-\d{2}T\d{2}:\d{2})\]\s*$/s.exec(example);
  if (!m) return { text: example, context: {}, shown: example };
  return { text: m[1], context: { event_at: m[2], recorded_at: m[3] }, shown: example };
}

/** The example text with the spans this rule flags marked, built from text nodes only. */
function markedExample(text, findings) {
  const p = el('p', 'example-text');
  const spans = findings.filter((f) => f.span).map((f) => f.span).sort((a, b) => a.start - b.start);
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    if (span.start > at) p.append(text.slice(at, span.start));
    p.append(el('mark', 'example-mark', text.slice(span.start, span.end)));
    at = span.end;
  }
  if (at < text.length) p.append(text.slice(at));
  return p;
}

export function renderRules({ index, list, info, check, onTry }) {
  const rules = [...info.rules].sort((a, b) => (a.standard ?? 99) - (b.standard ?? 99) || a.title.localeCompare(b.title));
  index.replaceChildren(...rules.map((rule) => {
    const li = el('li');
    const a = el('a', null, rule.title);
    a.href = `#rule-${rule.id}`;
    li.append(a);
    if (!rule.enabled) li.append(el('span', 'hint', ' (off in this policy)'));
    return li;
  }));

  list.replaceChildren(...rules.map((rule) => {
    const card = el('article', `rule-card${rule.enabled ? '' : ' rule-off'}`);
    card.id = `rule-${rule.id}`;
    card.tabIndex = -1;
    const titleId = `rule-${rule.id}-title`;
    card.setAttribute('aria-labelledby', titleId);
    const h = el('h3', null, rule.title);
    h.id = titleId;
    card.append(h);

    const meta = el('p', 'rule-meta');
    meta.append(el('span', 'tag', rule.standard !== null ? `Standard ${rule.standard}` : 'Recording principles'), ' ',
      el('span', `tag tag-${rule.severity}`, `${SEVERITY[rule.severity] ?? rule.severity} by default`), ' ',
      el('code', null, rule.id));
    if (!rule.enabled) meta.append(' ', el('strong', null, 'Turned off in this policy.'));
    card.append(meta);

    if (rule.standard_text) {
      const quote = el('figure', 'standard-quote');
      const bq = el('blockquote');
      bq.append(el('p', null, rule.standard_text));
      const cap = el('figcaption', null, `${rule.standard !== null ? `Standard ${rule.standard}` : 'The policy'}, ${info.name}`);
      quote.append(bq, cap);
      card.append(quote);
    }

    card.append(el('h4', null, 'What it checks'), el('p', null, rule.what));
    card.append(el('h4', null, 'Why it matters'), el('p', null, rule.why));

    // A council's own pattern may come without examples.
    if (rule.flagged_example) {
      const pair = el('div', 'example-pair');
      const { text, context, shown } = exampleParts(rule.flagged_example);
      let findings = [];
      try {
        findings = check(text, context).findings.filter((f) => f.rule === rule.id);
      } catch {
        findings = [];
      }
      const flagged = el('figure', 'example example-flagged');
      flagged.append(el('figcaption', null, 'Flagged'));
      flagged.append(markedExample(text, findings));
      if (shown !== text) flagged.append(el('p', 'hint', shown.slice(text.length).trim()));
      if (findings.length) {
        const said = el('ul', 'example-messages');
        for (const f of findings) said.append(el('li', null, `${SEVERITY[f.severity] ?? f.severity}: ${f.message}`));
        flagged.append(said);
      } else if (!rule.enabled) {
        flagged.append(el('p', 'hint', 'Not flagged: this policy turns the rule off.'));
      }
      pair.append(flagged);
      if (rule.better_example) {
        const better = el('figure', 'example example-better');
        better.append(el('figcaption', null, 'Better'), el('p', 'example-text', rule.better_example));
        pair.append(better);
      }
      card.append(el('h4', null, 'Examples'), pair);

      card.append(el('h4', null, 'Known limits'), el('p', null, rule.limits));

      const actions = el('p', 'rule-actions');
      const tryFlagged = el('button', null, 'Check the flagged example in the note');
      tryFlagged.type = 'button';
      tryFlagged.setAttribute('aria-label', `Check the flagged example in the note (${rule.title})`);
      tryFlagged.addEventListener('click', () => onTry(text, context));
      const tryBetter = el('button', null, 'Check the better example');
      tryBetter.type = 'button';
      tryBetter.setAttribute('aria-label', `Check the better example (${rule.title})`);
      tryBetter.addEventListener('click', () => onTry(rule.better_example, {}));
      actions.append(tryFlagged);
      if (rule.better_example) actions.append(' ', tryBetter);
      card.append(actions);
    } else {
      card.append(el('h4', null, 'Known limits'), el('p', null, rule.limits));
    }
    return card;
  }));
}
