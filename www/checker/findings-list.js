// The findings in the panel, grouped by standard and then by rule, each
// with the buttons to select its words, apply a suggestion or dismiss it,
// and the list of dismissed findings with their "Restore" buttons. Rebuilt
// only when what it shows changes, keeping keyboard focus where it was.

import { button, el, setHidden, setText } from './dom.js';
import { dismissKey, findingLabel, groupByStandard, isQuestion } from './findings.js';
import { splitSuggestions } from './suggestions.js';

/** Findings listed per rule before a "show more" button. */
export const LIST_LIMIT = 50;

let sequence = 0;

export class FindingsList {
  #id;
  #level;
  #empty;
  #groups;
  #dismissedBox;
  #dismissedSummary;
  #dismissedList;
  #sig = null;
  /** The rules whose "Why this matters" is open, kept across redraws. */
  openWhy = new Set();
  /** Findings shown per rule, past LIST_LIMIT once "show more" was pressed. */
  limits = new Map();

  constructor({ id, level }) {
    this.#id = id;
    this.#level = level;
    this.#empty = el('p', 'cnc-empty');
    this.#groups = el('div', 'cnc-groups');
    this.#dismissedBox = el('details', 'cnc-dismissed');
    this.#dismissedSummary = el('summary', null, 'Dismissed');
    this.#dismissedList = el('ul', 'cnc-dismissed-list');
    this.#dismissedBox.append(this.#dismissedSummary, el('p', 'cnc-dismissed-note', 'Dismissed findings are hidden until you restore them, however the note changes.'), this.#dismissedList);
    this.#dismissedBox.hidden = true;
    this.#groups.addEventListener('toggle', (e) => {
      const rule = e.target?.dataset?.cncWhy;
      if (!rule) return;
      if (e.target.open) this.openWhy.add(rule);
      else this.openWhy.delete(rule);
    }, true);
  }

  /** The nodes to put in the panel, in order. */
  get nodes() {
    return [this.#empty, this.#groups, this.#dismissedBox];
  }

  /** Forgets what was drawn, so the next render rebuilds (after a policy change). */
  invalidate() {
    this.#sig = null;
  }

  get drawn() {
    return this.#sig !== null;
  }

  /**
   * Draws the findings. `keyed` is keyFindings() of the report; `text` the
   * note they are for; `policy` the loaded policy (rule titles, standards).
   * Returns whether anything was redrawn.
   */
  render({ keyed, activeCount, text, context, editable, policy, dismissals, ruleHref, panelRoot, fallbackFocus }) {
    const blank = !text.trim();
    setText(this.#empty, blank ? 'Findings will appear here as you type.' : activeCount ? '' : 'No findings: the checker found nothing to change.');
    setHidden(this.#empty, activeCount > 0);
    const sig = JSON.stringify([
      keyed.filter((k) => !k.dismissed).map((k) => [k.key, k.finding.severity, k.finding.kind, k.finding.message, k.finding.suggestions, k.finding.standard]),
      dismissals, editable, [...this.limits], context.child?.name ?? null, policy.key,
    ]);
    if (sig === this.#sig) return false;
    this.#sig = sig;

    const active = document.activeElement;
    const focusKey = panelRoot.contains(active) ? active.dataset?.cncFocus ?? null : null;
    const focusIndex = focusKey ? [...panelRoot.querySelectorAll('[data-cnc-focus]')].indexOf(active) : -1;

    const groups = groupByStandard(keyed).map(([std, rules]) => this.#group(std, rules, { text, context, editable, policy, ruleHref }));
    this.#groups.replaceChildren(...groups);
    this.#renderDismissed(dismissals, policy);

    if (focusKey) {
      const all = [...panelRoot.querySelectorAll('[data-cnc-focus]')];
      const target = all.find((n) => n.dataset.cncFocus === focusKey) ?? all[Math.min(focusIndex, all.length - 1)] ?? fallbackFocus;
      target?.focus({ preventScroll: true });
    }
    return true;
  }

  /** The key of the finding after `key` in the panel (where focus goes when it is dismissed), or null. */
  keyAfter(root, key) {
    const item = root.querySelector(`.cnc-finding[data-cnc-key="${CSS.escape(key)}"]`);
    if (!item) return null;
    const after = [...root.querySelectorAll('.cnc-locate, .cnc-finding .cnc-dismiss')]
      .find((n) => !item.contains(n) && (item.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING));
    return after?.closest('.cnc-finding')?.dataset.cncKey ?? null;
  }

  #heading(n, className, text) {
    return el(`h${Math.min(n, 6)}`, className, text);
  }

  #group(std, rules, options) {
    const { policy, ruleHref } = options;
    const section = el('section', 'cnc-group');
    section.append(this.#heading(this.#level + 1, 'cnc-group-heading', std ? `Standard ${std}` : 'Recording principles'));
    const standardText = std ? policy.standards.get(std) : null;
    if (standardText) section.append(el('p', 'cnc-standard-text', standardText));
    for (const [ruleId, items] of rules) {
      const rule = policy.rule(ruleId);
      const block = el('div', 'cnc-rule');
      const ruleHeading = this.#heading(this.#level + 2, 'cnc-rule-heading', rule?.title ?? ruleId);
      ruleHeading.append(' ', el('span', 'cnc-rule-count', `(${items.length})`));
      block.append(ruleHeading);
      if (rule?.why) {
        const why = el('details', 'cnc-why');
        why.dataset.cncWhy = ruleId;
        const summary = el('summary', null, 'Why this matters');
        summary.dataset.cncFocus = `why:${ruleId}`;
        why.append(summary, el('p', 'cnc-why-text', rule.why));
        const href = typeof ruleHref === 'function' ? ruleHref(ruleId) : null;
        if (href) {
          const link = el('a', 'cnc-rule-link', `More about “${rule.title}”`);
          link.href = href;
          why.append(link);
        }
        why.open = this.openWhy.has(ruleId);
        block.append(why);
      }
      const list = el('ol', 'cnc-findings');
      const limit = this.limits.get(ruleId) ?? LIST_LIMIT;
      for (const k of items.slice(0, limit)) list.append(this.#finding(k, rule, options));
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
    return section;
  }

  #finding({ key, finding }, rule, { text, context, editable }) {
    const question = isQuestion(finding);
    const item = el('li', `cnc-finding cnc-finding--${finding.severity}${question ? ' cnc-finding--question' : ''}`);
    item.dataset.cncKey = key;
    item.dataset.cncKind = finding.kind ?? '';
    const head = el('p', 'cnc-finding-head');
    head.append(el('span', `cnc-severity cnc-severity--${finding.severity}${question ? ' cnc-severity--question' : ''}`, findingLabel(finding)));
    if (finding.span) {
      const locate = button('cnc-locate', `Select “${finding.text}” in the note`);
      locate.dataset.cncAction = 'locate';
      locate.dataset.cncKey = key;
      locate.dataset.cncFocus = `locate:${key}`;
      head.append(' ', locate);
    } else {
      head.append(' ', el('span', 'cnc-scope', 'The whole note'));
    }
    item.append(head, el('p', 'cnc-message', finding.message));
    const { replacements, guidance } = splitSuggestions(finding, { text, context, editable });
    if (replacements.length) {
      const group = el('div', 'cnc-replace');
      const label = el('p', 'cnc-replace-label', `Replace “${finding.text}” with:`);
      label.id = `${this.#id}-r-${++sequence}`;
      const list = el('ul', 'cnc-replace-list');
      list.setAttribute('aria-labelledby', label.id);
      replacements.forEach((r, i) => {
        const li = el('li');
        const b = button('cnc-apply', r.words, `Replace “${finding.text}” with “${r.words}”`);
        b.dataset.cncAction = 'apply';
        b.dataset.cncKey = key;
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
    const title = rule?.title ?? finding.rule;
    const dismiss = button('cnc-dismiss', 'Dismiss', finding.span ? `Dismiss “${finding.text}” (${title})` : `Dismiss: ${title}`);
    dismiss.dataset.cncAction = 'dismiss';
    dismiss.dataset.cncKey = key;
    dismiss.dataset.cncFocus = `dismiss:${key}`;
    item.append(dismiss);
    return item;
  }

  #renderDismissed(dismissals, policy) {
    setHidden(this.#dismissedBox, dismissals.length === 0);
    setText(this.#dismissedSummary, `Dismissed (${dismissals.length})`);
    this.#dismissedList.replaceChildren(...dismissals.map(({ rule, text }) => {
      const li = el('li');
      const title = policy.rule(rule)?.title ?? rule;
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
}
