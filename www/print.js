// The print view: the note with its findings numbered in the text, the five
// checks at a glance and each finding with why it matters, for handouts.
// Built from text nodes only.

const SEVERITY = { error: 'Error', warning: 'Warning', advice: 'Advice' };
const RANK = { error: 3, warning: 2, advice: 1 };

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function when(value) {
  if (value instanceof Date) return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value ?? '');
  if (!m) return value ?? '';
  const date = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date);
}

const categoryName = (info, category) => {
  const name = (info?.categoryNames?.[category] ?? String(category).replace(/_/g, ' ')).replace(/^(a|an)\s+/i, '');
  return name[0].toUpperCase() + name.slice(1);
};

/** The note with every flagged span marked and numbered after its last character. */
function markedNote(text, numbered) {
  const div = el('div', 'print-note');
  const points = new Set([0, text.length]);
  for (const { finding } of numbered) {
    points.add(finding.span.start);
    points.add(finding.span.end);
  }
  const edges = [...points].sort((a, b) => a - b);
  for (let i = 0; i < edges.length - 1; i++) {
    const [a, b] = [edges[i], edges[i + 1]];
    const covering = numbered.filter(({ finding: f }) => f.span.start <= a && f.span.end >= b && f.span.end > f.span.start);
    const slice = text.slice(a, b);
    if (covering.length) {
      const top = covering.reduce((x, y) => (RANK[y.finding.severity] > RANK[x.finding.severity] ? y : x));
      div.append(el('mark', `print-mark print-mark--${top.finding.severity}`, slice));
    } else if (slice) {
      div.append(slice);
    }
    for (const { n, finding } of numbered) {
      if (finding.span.end === b) div.append(el('sup', 'print-ref', `[${n}]`));
    }
  }
  return div;
}

export function renderPrint(container, { text, report, findings, dismissed, context, info, title }) {
  const parts = [];
  const h = el('h1', null, 'Case note and checker findings');
  h.id = 'print-heading';
  h.tabIndex = -1;
  parts.push(h);
  const meta = el('p', 'print-meta');
  meta.append(`${title}. Policy: ${info?.name ?? 'not loaded'}. Printed ${when(new Date())}.`);
  parts.push(meta);

  const facts = el('dl', 'print-facts');
  const fact = (k, v) => { if (v) facts.append(el('dt', null, k), el('dd', null, v)); };
  fact('Event type', context.event ? categoryName(info, context.event) : 'not given');
  fact('Event time', context.event_at ? when(context.event_at) : 'not given');
  fact('Recorded', context.recorded_at ? when(context.recorded_at) : 'not given (counted from now)');
  fact('Child', [context.child?.name, context.child?.age_years != null ? `aged ${context.child.age_years}` : null].filter(Boolean).join(', '));
  parts.push(facts);

  if (!report) {
    parts.push(el('p', null, 'The checker is not available, so this note has not been checked.'));
    parts.push(el('h2', null, 'The note'), el('div', 'print-note', text));
    container.replaceChildren(...parts);
    return;
  }

  parts.push(el('h2', null, 'At a glance'));
  const glance = el('table', 'print-glance');
  const body = el('tbody');
  const row = (k, v) => {
    const tr = el('tr');
    const th = el('th', null, k);
    th.scope = 'row';
    tr.append(th, el('td', null, v));
    body.append(tr);
  };
  row('Professional opinion', report.opinion.present ? 'Recorded' : 'Missing');
  row('Child’s voice', report.child_voice.present ? 'Recorded' : 'Missing');
  row('Equality areas', report.equality.mentioned.map((a) => a.replace(/_/g, ' ')).join(', ') || 'None recorded');
  const jargon = findings.filter((f) => f.rule === 'jargon').length;
  row('Jargon', jargon ? `${jargon} term${jargon === 1 ? '' : 's'}` : 'None found');
  const d = report.deadline;
  row('Recording deadline', `${categoryName(info, d.category)}; ${d.due ? `due ${when(d.due)}` : 'due time unknown'}; ${d.status === 'overdue' ? 'recorded late' : d.status === 'on_time' ? 'recorded on time' : 'not yet known'}`);
  glance.append(body);
  parts.push(glance);

  const numbered = findings.map((finding, i) => ({ n: i + 1, finding }));
  parts.push(el('h2', null, 'The note'));
  parts.push(markedNote(text, numbered.filter(({ finding }) => finding.span)));
  parts.push(el('p', 'print-key', 'Marked words are numbered as in the findings below. Errors are underlined with a wavy line, warnings with a solid line, advice with a dotted line.'));

  parts.push(el('h2', null, `Findings (${findings.length})`));
  if (!findings.length) parts.push(el('p', null, 'No findings: the checker found nothing to change.'));
  const list = el('ol', 'print-findings');
  for (const { n, finding: f } of numbered) {
    const li = el('li', `print-finding print-finding--${f.severity}`);
    li.value = n;
    const rule = info?.rules?.find((r) => r.id === f.rule);
    const head = el('p', 'print-finding-head');
    head.append(el('strong', null, `${SEVERITY[f.severity] ?? f.severity}: ${rule?.title ?? f.rule}`));
    if (f.standard !== null) head.append(` (Standard ${f.standard})`);
    if (f.span) head.append(` — “${f.text}”`);
    li.append(head, el('p', null, f.message));
    if (f.suggestions.length) li.append(el('p', 'print-suggestions', `Try: ${f.suggestions.join('; ')}`));
    list.append(li);
  }
  parts.push(list);

  // Why each kind of finding matters, once a rule, in the policy's words.
  const rules = [...new Set(findings.map((f) => f.rule))].map((id) => info?.rules?.find((r) => r.id === id)).filter(Boolean);
  if (rules.length) {
    parts.push(el('h2', null, 'Why these matter'));
    const dl = el('dl', 'print-whys');
    for (const rule of rules) {
      dl.append(el('dt', null, `${rule.title}${rule.standard !== null ? ` (Standard ${rule.standard}${rule.standard_text ? `: ${rule.standard_text}` : ''})` : ''}`));
      dl.append(el('dd', 'print-why', rule.why));
    }
    parts.push(dl);
  }
  if (dismissed.length) {
    parts.push(el('h2', null, 'Dismissed by the worker'));
    const ul = el('ul');
    for (const { rule, text: t } of dismissed) ul.append(el('li', null, `${info?.rules?.find((r) => r.id === rule)?.title ?? rule}${t ? `: “${t}”` : ''}`));
    parts.push(ul);
  }
  container.replaceChildren(...parts);
}
