// The guidance panel: the summary that describes the field, the live
// region, the context error, "at a glance" (opinion, child's voice,
// equality, jargon, deadline) and, through findings-list.js, the findings.
// Parts that change while the worker types are built once and updated in
// place (text nodes changed, elements hidden or shown): inserting a node
// anywhere in the page ends the textarea's undo step in Chromium.

import { button, el, setHidden, setText, visuallyHidden } from './dom.js';
import { capitalise, confidenceText, countsText, cueText, equalitySummary, plural } from './findings.js';
import { FindingsList } from './findings-list.js';
import { categoryLabel, countdown, parseLocal, recordedAgainst } from './time.js';

const ICONS = { ok: '✓', missing: '✗', info: 'ℹ', warn: '!', overdue: '!', none: '–' };
/** How long typing must pause before the live region speaks. */
const ANNOUNCE_DELAY = 1500;
/** While the worker types, the list of findings waits for a pause this long (ms) before it is redrawn. */
const LIST_IDLE = 600;

export class Panel {
  #level;
  #summary;
  #stale;
  #errorBox;
  #live;
  #checks;
  #deadline;
  #lastDeadlineState = null;
  #errorSig = null;
  #latest = null;
  #announced = null;
  #listTimer = 0;
  #announceTimer = 0;
  #typing;
  #pointerDown = false;
  /** The panel's root element. */
  root;
  /** The findings, grouped (findings-list.js). */
  list;

  /**
   * `host`: an element to put the panel in, or null to put it after `after`.
   * `onAction(name, data, target)` gets every button press in the panel.
   */
  constructor({ id, host, after, headingLevel, onAction, typing }) {
    this.#typing = typing;
    const level = Math.min(Math.max(Number(headingLevel) || 3, 1), 4);
    this.#level = level;
    const root = el('div', 'cnc-panel');
    root.id = `${id}-panel`;
    if (host) host.append(root);
    else after.after(root);
    this.root = root;

    this.#summary = el('p', 'cnc-summary');
    this.#summary.id = `${id}-summary`;
    this.#stale = el('p', 'cnc-stale', 'Updating…');
    this.#stale.hidden = true;
    this.#live = el('div', 'cnc-live', '');
    this.#live.setAttribute('aria-live', 'polite');
    this.#live.setAttribute('aria-atomic', 'true');
    visuallyHidden(this.#live);
    this.#errorBox = el('p', 'cnc-context-error');
    this.#errorBox.id = `${id}-error`;
    this.#errorBox.hidden = true;

    const glance = el('dl', 'cnc-glance');
    const check = (name, label) => {
      const row = el('div', `cnc-check cnc-check--${name}`);
      const dd = el('dd', 'cnc-check-value');
      const icon = el('span', 'cnc-icon');
      icon.setAttribute('aria-hidden', 'true');
      const value = el('span', 'cnc-check-text', '–');
      const extra = el('span', 'cnc-check-extra');
      dd.append(icon, value, extra);
      row.append(el('dt', 'cnc-check-label', label), dd);
      glance.append(row);
      return { row, icon, value, extra, state: null, show: null };
    };
    this.#checks = {
      opinion: check('opinion', 'Professional opinion'),
      voice: check('voice', 'Child’s voice'),
      equality: check('equality', 'Equality areas'),
      jargon: check('jargon', 'Jargon'),
      deadline: check('deadline', 'Recording deadline'),
    };
    // The "Show" buttons and the deadline's parts exist from the start and
    // are only hidden or shown (see the top of this file).
    for (const [name, what] of [['opinion', 'professional opinion'], ['voice', 'child’s voice']]) {
      const show = button('cnc-show', 'Show', `Show the ${what} in the note`);
      show.dataset.cncAction = 'evidence';
      show.dataset.cncEvidence = what;
      show.dataset.cncFocus = `evidence:${what}`;
      show.hidden = true;
      this.#checks[name].show = show;
    }
    const time = el('time', null, '');
    const due = el('span', 'cnc-deadline-due');
    due.append(document.createTextNode('; due '), time);
    this.#deadline = {
      holder: el('span', 'cnc-deadline'), category: el('span', 'cnc-deadline-category', ''), due, time,
      countdown: el('span', 'cnc-countdown', ''), hint: el('span', 'cnc-deadline-hint', ''),
    };
    const d = this.#deadline;
    d.holder.append(d.category, d.due, d.countdown, d.hint);

    this.findingsHeading = el(`h${level}`, 'cnc-heading', 'Findings');
    this.findingsHeading.tabIndex = -1;
    this.findingsHeading.id = `${id}-findings`;
    this.list = new FindingsList({ id, level });
    root.append(this.#summary, this.#stale, this.#errorBox, this.#live, el(`h${level}`, 'cnc-heading', 'At a glance'), glance,
      this.findingsHeading, ...this.list.nodes);
    root.addEventListener('pointerdown', () => { this.#pointerDown = true; });
    root.addEventListener('click', (e) => {
      const target = e.target.closest?.('[data-cnc-action]');
      if (target && root.contains(target)) onAction(target.dataset.cncAction, target.dataset, target);
    });
  }

  /** Says in `host` that the checker could not load (the field works as before). */
  static showUnavailable(host) {
    host.append(el('p', 'cnc-unavailable', 'The note checker could not be loaded, so this note is not being checked. You can still write and save it.'));
  }

  /** The id of the summary, which describes the field (aria-describedby). */
  get summaryId() {
    return this.#summary.id;
  }

  get errorId() {
    return this.#errorBox.id;
  }

  remove() {
    clearTimeout(this.#listTimer);
    clearTimeout(this.#announceTimer);
    this.root.remove();
  }

  /** A pointer let go anywhere in the page (the controller listens on the document). */
  pointerUp() {
    this.#pointerDown = false;
  }

  /** True while the list waits for typing to pause before it is redrawn. */
  get pending() {
    return Boolean(this.#listTimer);
  }

  /**
   * Shows a new report. `state`: `{text, report, active, keyed, dismissals,
   * policy, context, now, locale, editable, ruleHref}`, where `active` are
   * the findings not dismissed (none for a blank note) and `keyed` is
   * keyFindings() of all of them.
   */
  update(state) {
    const blank = !state.text.trim();
    this.#latest = state;
    this.setStale(false);
    this.renderSummary({ blank, active: state.active, dismissedCount: blank ? 0 : state.report.findings.length - state.active.length });
    if (this.renderGlance({ ...state, report: blank ? null : state.report })) this.say('The note is now overdue for recording.');
    this.#renderListSoon();
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => {
      const text = this.counts;
      if (text !== this.#announced) this.say(text);
    }, ANNOUNCE_DELAY);
  }

  /** Takes what the panel shows now as already said (after loading, so nothing is announced then). */
  markAnnounced() {
    this.#announced = this.counts;
  }

  /** "3 findings: …" for the report shown, as the live region says it. */
  get counts() {
    const state = this.#latest;
    return state && state.text.trim() ? countsText(state.active) : 'No findings';
  }

  /** Redraws the list now if it changed (after a dismissal or "show more"). */
  renderListNow() {
    clearTimeout(this.#listTimer);
    this.#listTimer = 0;
    const s = this.#latest;
    if (!s) return;
    this.list.render({
      keyed: s.text.trim() ? s.keyed : [], activeCount: s.active.length, text: s.text, context: s.context,
      editable: s.editable, policy: s.policy, dismissals: s.dismissals, ruleHref: s.ruleHref,
      panelRoot: this.root, fallbackFocus: this.findingsHeading,
    });
  }

  /**
   * Redraws the list now, or, while the worker is typing in the note, once
   * they pause: rebuilding it inserts nodes, which would end the browser's
   * undo step in the middle of a word (the underlines and counts are
   * updated on every report regardless). Never under a pointer held down
   * on a button, whose click would be lost.
   */
  #renderListSoon() {
    clearTimeout(this.#listTimer);
    this.#listTimer = 0;
    const idle = this.#typing();
    if (idle >= LIST_IDLE || !this.list.drawn) {
      this.renderListNow();
      return;
    }
    this.#listTimer = setTimeout(() => {
      this.#listTimer = 0;
      if (this.#pointerDown) this.#listTimer = setTimeout(() => this.#renderListSoon(), 100);
      else this.#renderListSoon();
    }, LIST_IDLE - idle + 5);
  }

  /** Shows or hides "Updating…" (the findings are for an older text while a slow check catches up). */
  setStale(stale) {
    this.root.classList.toggle('cnc-panel--stale', stale);
    setHidden(this.#stale, !stale);
  }

  /**
   * Says `text` in the live region. Its one text node changes in place (no
   * node inserted); the same words again get a no-break space, so they change.
   */
  say(text) {
    this.#announced = this.counts;
    setText(this.#live, this.#live.textContent === text ? `${text}\u00a0` : text);
  }

  /** The summary line, e.g. "Note checker: 3 findings: 1 error, 2 advice. 1 finding dismissed." */
  renderSummary({ blank, active, dismissedCount }) {
    let text;
    if (blank) text = 'Note checker: start typing to check the note against the recording policy.';
    else if (!active.length) text = 'Note checker: no findings.';
    else text = `Note checker: ${countsText(active)}.`;
    if (dismissedCount && !blank) text += ` ${plural(dismissedCount, 'finding')} dismissed.`;
    setText(this.#summary, text);
  }

  /**
   * The context error, if any: what went wrong and which field, shown when
   * `show`. `label` is what the host's form calls the field, when known.
   * Returns whether it changed since last time.
   */
  renderError(details, { show, label }) {
    const where = details?.field && label ? ` (the form’s “${label}” field)` : '';
    const message = details ? `The event details could not be used, so the note was checked without them${where}: ${details.message}` : '';
    setText(this.#errorBox, show && details ? message : '');
    setHidden(this.#errorBox, !(show && details));
    const sig = details ? `${details.field}|${details.message}` : null;
    const changed = sig !== this.#errorSig;
    this.#errorSig = sig;
    return changed;
  }

  #setCheck(check, state, value, extra = null) {
    if (check.state !== state) {
      check.row.classList.remove(`cnc-check--${check.state}`);
      check.row.classList.add(`cnc-check--${state}`);
      check.state = state;
      setText(check.icon, ICONS[state] ?? '');
    }
    setText(check.value, value);
    if (extra instanceof Node) {
      if (!(check.extra.childNodes.length === 1 && check.extra.firstChild === extra)) check.extra.replaceChildren(extra);
    } else {
      setText(check.extra, extra ?? '');
    }
  }

  /** The "at a glance" rows; `report` is null for a blank note. */
  renderGlance({ report, active, policy, context, now, locale }) {
    const c = this.#checks;
    if (!report) {
      for (const k of ['equality', 'jargon']) this.#setCheck(c[k], 'none', '–');
      for (const k of ['opinion', 'voice']) {
        setHidden(c[k].show, true);
        this.#setCheck(c[k], 'none', '–', c[k].show);
      }
    } else {
      const presence = (check, p) => {
        setHidden(check.show, !p.evidence.length);
        const why = p.present ? cueText(p) : '';
        this.#setCheck(check, p.present ? 'ok' : 'missing', `${p.present ? 'Recorded' : 'Missing'}${p.present ? confidenceText(p) : ''}${why ? ` — ${why}` : ''}`, check.show);
      };
      presence(c.opinion, report.opinion);
      presence(c.voice, report.child_voice);
      const { areas, emptyFields, needs } = equalitySummary(report, active);
      this.#setCheck(c.equality, needs ? 'warn' : areas.length ? 'ok' : 'info',
        areas.length ? capitalise(areas.join(', ')) : 'None recorded',
        needs ? ' (support not recorded)' : emptyFields ? ` (${plural(emptyFields, 'form field')} empty)` : '');
      const jargon = active.filter((f) => f.rule === 'jargon').length;
      this.#setCheck(c.jargon, jargon ? 'warn' : 'ok', jargon ? plural(jargon, 'term') : 'None found');
    }
    return this.#renderDeadline({ report, policy, context, now, locale });
  }

  /** The deadline row; returns true when the note has just become overdue. */
  #renderDeadline({ report, policy, context, now, locale }) {
    const check = this.#checks.deadline;
    const parts = this.#deadline;
    if (!report) {
      this.#setCheck(check, 'none', '–', '');
      return false;
    }
    const d = report.deadline;
    setText(parts.category, categoryLabel(policy.categoryNames, d.category));
    let state = 'info';
    setHidden(parts.due, !d.due);
    setHidden(parts.countdown, !d.due);
    setHidden(parts.hint, Boolean(d.due) || Boolean(context.event_at));
    setText(parts.hint, '; add the event time to see when it is due');
    if (d.due) {
      const date = parseLocal(d.due);
      setText(parts.time, date ? new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date) : d.due);
      if (parts.time.dateTime !== d.due) parts.time.dateTime = d.due;
      let line;
      if (context.recorded_at) {
        ({ state, text: line } = recordedAgainst(context.recorded_at, d.due, d.status));
      } else {
        const left = countdown(d.due, now);
        state = left.overdue ? 'overdue' : 'ok';
        line = `; ${left.text}`;
      }
      // Say so when the time was read from the note, so the worker can
      // correct the form (or the note) if it was read wrongly.
      if (d.event_at_source === 'text') line += '; event time read from the note';
      setText(parts.countdown, line);
    }
    const label = state === 'overdue' ? 'Overdue' : state === 'ok' ? 'On time' : 'Due time unknown';
    this.#setCheck(check, state, `${label}: `, parts.holder);
    const becameOverdue = this.#lastDeadlineState !== null && this.#lastDeadlineState !== state && state === 'overdue';
    this.#lastDeadlineState = state;
    return becameOverdue;
  }
}
