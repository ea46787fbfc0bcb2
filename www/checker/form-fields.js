// Context from the host form's own controls: `fields="event=EventType
// event_at=EventDate child.age_years=Age equality.language=FirstLanguage"`
// maps context fields to the names of controls in the textarea's form. The
// controls are read live on `input` and `change`. A mapped control that
// does not exist is reported (console and an `error` event), never a
// silent gap.
//
// What each kind of control gives:
// - text, textarea, number, select: its value (a select with `multiple`:
//   the chosen values joined with "; ");
// - datetime-local: its "YYYY-MM-DDTHH:MM";
// - date and time as a pair, `event_at=VisitDate+VisitTime`: the two joined;
//   a date alone counts from the start of its day, so a deadline worked out
//   from it is never later than the policy's;
// - a radio group: the chosen button's value ("" when none is chosen);
// - one checkbox: its value when ticked (or "yes" for a checkbox with no
//   value), "" when not; several checkboxes with one name: the ticked values
//   joined with "; ".
// An empty control means "not given", except for an equality field, where
// it means the form's field is empty (which the report then lists).

import { fieldValue, parseFieldMap } from './context.js';

/** The text a control (or a radio/checkbox group) gives. */
export function controlText(control) {
  if (!control) return null;
  if (typeof RadioNodeList !== 'undefined' && control instanceof RadioNodeList) {
    const items = [...control];
    if (items.every((c) => c.type === 'radio')) return control.value;
    return items.filter((c) => c.checked).map((c) => c.value).join('; ');
  }
  if (control.type === 'checkbox') return control.checked ? (control.value && control.value !== 'on' ? control.value : 'yes') : '';
  if (control.type === 'radio') return control.checked ? control.value : '';
  if (control.localName === 'select' && control.multiple) return [...control.selectedOptions].map((o) => o.value).join('; ');
  if (control.type === 'datetime-local') return control.value.slice(0, 16);
  return control.value ?? null;
}

/** The text of one or two controls for a path: a date and a time become one local time. */
function mappedText(path, controls) {
  if (controls.length === 2) {
    const [date, time] = controls.map(controlText);
    return date ? `${date}T${time || '00:00'}` : '';
  }
  const text = controlText(controls[0]);
  if ((path === 'event_at' || path === 'recorded_at') && controls[0].type === 'date') return text ? `${text}T00:00` : '';
  return text;
}

/** What a page calls a control: its label, aria-label or name. */
function labelOf(control) {
  const one = typeof RadioNodeList !== 'undefined' && control instanceof RadioNodeList ? control[0] : control;
  const fieldset = one?.closest?.('fieldset');
  const legend = control instanceof Element ? null : fieldset?.querySelector('legend');
  const text = legend?.textContent ?? one?.labels?.[0]?.textContent ?? one?.getAttribute?.('aria-label') ?? one?.name ?? '';
  return text.replace(/\s+/g, ' ').trim();
}

export class FormFields {
  #form;
  #map;
  #onChange;
  #onError;
  #reported = new Set();
  #invalid = new Map();
  #listener;
  #onReset;

  /**
   * `attribute` is the `fields` attribute; `onChange(partial)` gets the
   * context the controls give, whenever one changes; `onError(detail)` each
   * problem once (`{kind: "fields", field, control, message}`).
   */
  constructor(textarea, attribute, { onChange, onError }) {
    this.#form = textarea.form;
    this.#onChange = onChange;
    this.#onError = onError;
    const { map, problems } = parseFieldMap(attribute);
    this.#map = map.map(({ path, control }) => ({ path, names: control.split('+').filter(Boolean) }));
    for (const p of problems) this.#error(p.path.replace(/^fields\./, ''), null, `fields attribute: ${p.message}`);
    if (!this.#form && this.#map.length) {
      this.#error(null, null, `fields attribute: the textarea "${textarea.id || textarea.name}" is in no form, so no form control can be read`);
      this.#map = [];
    }
    this.#listener = (e) => {
      const name = e.target?.name;
      if (name && this.#map.some((m) => m.names.includes(name))) this.#onChange(this.read());
    };
    // A reset changes the controls without input events: read them once it is done.
    this.#onReset = () => setTimeout(() => this.#onChange(this.read()));
    if (this.#form) {
      for (const type of ['input', 'change']) this.#form.addEventListener(type, this.#listener);
      this.#form.addEventListener('reset', this.#onReset);
    }
  }

  /** The context the mapped controls give now (missing controls are reported and left out). */
  read() {
    const partial = {};
    for (const { path, names } of this.#map) {
      const controls = names.map((name) => this.#form.elements.namedItem(name));
      const missing = names.filter((_, i) => !controls[i]);
      if (missing.length) {
        for (const name of missing) this.#error(path, name, `fields attribute: ${path} is mapped to the form control "${name}", which the form does not have`);
        continue;
      }
      // null for an empty control, so an update removes what it gave before.
      const value = fieldValue(path, mappedText(path, controls));
      const [head, tail] = path.split('.');
      if (tail) (partial[head] ??= {})[tail] = value;
      else partial[head] = value;
    }
    return partial;
  }

  /** The paths mapped, so a host's data- attribute for the same field can be told apart. */
  get paths() {
    return this.#map.map((m) => m.path);
  }

  /** What the form calls the control mapped to `path`, or null. */
  label(path) {
    const m = this.#map.find((x) => x.path === path);
    const control = m && this.#form.elements.namedItem(m.names[0]);
    return control ? labelOf(control) || null : null;
  }

  /** Marks the control(s) of `path` invalid (aria-invalid), and clears the mark from any other. */
  markInvalid(path) {
    for (const [control, before] of this.#invalid) {
      if (before === null) control.removeAttribute('aria-invalid');
      else control.setAttribute('aria-invalid', before);
    }
    this.#invalid.clear();
    const m = path && this.#map.find((x) => x.path === path);
    if (!m) return;
    for (const name of m.names) {
      const found = this.#form.elements.namedItem(name);
      for (const control of found instanceof Element ? [found] : [...(found ?? [])]) {
        this.#invalid.set(control, control.getAttribute('aria-invalid'));
        control.setAttribute('aria-invalid', 'true');
      }
    }
  }

  disconnect() {
    this.markInvalid(null);
    if (!this.#form) return;
    for (const type of ['input', 'change']) this.#form.removeEventListener(type, this.#listener);
    this.#form.removeEventListener('reset', this.#onReset);
  }

  #error(field, control, message) {
    const key = `${field}|${control}|${message}`;
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    this.#onError({ kind: 'fields', field, control, message, problems: [{ path: `fields.${field ?? ''}`, message }] });
  }
}
