// <case-note-checker for="note-id">: guidance for the textarea with that id
// (or for a textarea inside the element), shown inside the element, with
// the context from its data- attributes and, through `fields`, from the
// form's own controls. Changing an attribute or a mapped control re-checks.

import { attachChecker } from './attach.js';
import { ATTRIBUTE_FIELDS, contextFromAttribute, mergeContext } from './context.js';
import { EVENT_ALIASES, PREFIX } from './events.js';
import { FormFields } from './form-fields.js';

const HTMLElementBase = globalThis.HTMLElement ?? class {};

export class CaseNoteCheckerElement extends HTMLElementBase {
  static get observedAttributes() {
    return [...Object.keys(ATTRIBUTE_FIELDS), 'data-policy', 'for', 'fields'];
  }

  #fields = null;
  #forwarders = [];
  // `options` (attachChecker's options, set by the host before the element
  // is connected) is not declared as a field: a field would overwrite a
  // value the host set before the element was defined.

  /** The controller (see attachChecker), once connected. */
  controller = null;

  connectedCallback() {
    if (this.controller) return;
    const id = this.getAttribute('for');
    const textarea = id ? this.ownerDocument.getElementById(id) : this.querySelector('textarea');
    if (!(textarea instanceof HTMLTextAreaElement)) {
      if (this.ownerDocument.readyState === 'loading') {
        this.ownerDocument.addEventListener('DOMContentLoaded', () => { if (this.isConnected) this.connectedCallback(); }, { once: true });
      } else {
        console.warn(`<case-note-checker>: no textarea ${id ? `with id "${id}"` : 'inside the element'}`);
      }
      return;
    }
    let context = {};
    for (const name of Object.keys(ATTRIBUTE_FIELDS)) {
      if (this.hasAttribute(name)) context = mergeContext(context, contextFromAttribute(name, this.getAttribute(name)));
    }
    this.dataset.cncState = 'loading';
    const controller = attachChecker(textarea, {
      panel: this,
      context,
      policyUrl: this.dataset.policy || undefined,
      headingLevel: Number(this.dataset.headingLevel) || 3,
      fieldLabel: (path) => this.#fields?.label(path) ?? null,
      ...(this.options ?? {}),
    });
    this.controller = controller;
    // The controller's events, namespaced and under their old names, from the element too.
    for (const [name, alias] of Object.entries(EVENT_ALIASES)) {
      for (const type of alias ? [PREFIX + name, alias] : [PREFIX + name]) {
        const forward = (e) => this.dispatchEvent(new CustomEvent(type, { detail: e.detail }));
        controller.addEventListener(type, forward);
        this.#forwarders.push(() => controller.removeEventListener(type, forward));
      }
    }
    const markInvalid = (e) => this.#fields?.markInvalid(e.detail?.field ?? null);
    controller.addEventListener(`${PREFIX}context-error`, markInvalid);
    this.#forwarders.push(() => controller.removeEventListener(`${PREFIX}context-error`, markInvalid));
    this.#bindFields(textarea);
    controller.ready.then((ok) => {
      if (this.controller === controller) this.dataset.cncState = ok ? 'ready' : 'unavailable';
    });
  }

  /** Reads the form's controls named in `fields`, now and on every change. */
  #bindFields(textarea) {
    this.#fields?.disconnect();
    this.#fields = null;
    if (!this.hasAttribute('fields')) return;
    const controller = this.controller;
    this.#fields = new FormFields(textarea, this.getAttribute('fields'), {
      onChange: (partial) => controller.setContext(partial),
      onError: (detail) => controller.reportError(detail),
    });
    controller.setContext(this.#fields.read());
  }

  disconnectedCallback() {
    // Moving the element within the page keeps its checker; removing it ends it.
    queueMicrotask(() => {
      if (!this.isConnected && this.controller) this.#end();
    });
  }

  #end() {
    this.#fields?.disconnect();
    this.#fields = null;
    this.controller.detach();
    for (const off of this.#forwarders.splice(0)) off();
    this.controller = null;
    delete this.dataset.cncState;
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this.controller || oldValue === value) return;
    if (name === 'for') {
      this.#end();
      this.connectedCallback();
    } else if (name === 'fields') {
      this.#bindFields(this.controller.textarea);
    } else if (name === 'data-policy') {
      this.controller.setPolicy(value ? { policyUrl: value } : {});
    } else {
      this.controller.setContext(contextFromAttribute(name, value));
    }
  }

  get ready() { return this.controller?.ready ?? Promise.resolve(false); }
  report() { return this.controller?.report() ?? null; }
  findings() { return this.controller?.findings() ?? []; }
  dismissals() { return this.controller?.dismissals() ?? []; }
  refresh() { return this.controller?.refresh() ?? null; }
  setContext(partial, opts) { this.controller?.setContext(partial, opts); }
  setPolicy(policy) { return this.controller?.setPolicy(policy); }
}

/** Defines `<case-note-checker>` (once per page). */
export function defineElement(name = 'case-note-checker') {
  if (globalThis.customElements && !customElements.get(name)) customElements.define(name, CaseNoteCheckerElement);
}
