// Small DOM helpers shared by the widget's modules. User text only ever
// reaches the page through these as text nodes, never as HTML.

/** An element with a class and text (as a text node). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.append(document.createTextNode(text));
  return node;
}

/** A `type="button"` button; `label` becomes its accessible name when the visible text is not enough. */
export function button(className, text, label) {
  const b = el('button', className, text);
  b.type = 'button';
  if (label) b.setAttribute('aria-label', label);
  return b;
}

/**
 * Sets an element's text, changing its one text node in place: Chromium
 * ends the textarea's current undo step whenever a node is inserted or
 * removed anywhere in the page, so updates made while typing avoid that.
 */
export function setText(node, text) {
  const only = node.childNodes.length === 1 ? node.firstChild : null;
  if (only && only.nodeType === Node.TEXT_NODE) {
    if (only.data !== text) only.data = text;
  } else if (node.textContent !== text || node.childNodes.length !== 1) {
    node.replaceChildren(document.createTextNode(text));
  }
}

/**
 * Shows or hides an element, touching it only when that changes: a report
 * arrives on every keystroke, and rewriting an attribute to the value it has
 * still makes the browser recompute the styles around it.
 */
export function setHidden(node, hidden) {
  if (node.hidden !== hidden) node.hidden = hidden;
}

/** Sets inline styles through the CSSOM (which a CSP without 'unsafe-inline' allows); empty values remove. */
export function setStyles(node, styles, priority = '') {
  for (const [name, value] of Object.entries(styles)) {
    if (value === null || value === undefined || value === '') node.style.removeProperty(name);
    else if (node.style.getPropertyValue(name) !== String(value) || node.style.getPropertyPriority(name) !== priority) node.style.setProperty(name, value, priority);
  }
}

/** Hides an element visually but keeps it for screen readers (set through the CSSOM, see setStyles). */
export function visuallyHidden(node) {
  setStyles(node, { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', 'clip-path': 'inset(50%)', 'white-space': 'nowrap', margin: '-1px', padding: '0', border: '0' });
}

/**
 * Replaces part of a textarea's value as typing would: through the
 * browser's editing command, so Ctrl+Z undoes it and the same
 * beforeinput/input events fire; where that is not available, directly,
 * with an input event.
 */
export function replaceAsTyped(textarea, start, end, words) {
  const expected = textarea.value.slice(0, start) + words + textarea.value.slice(end);
  textarea.focus({ preventScroll: true });
  textarea.setSelectionRange(start, end);
  let done = false;
  try {
    done = textarea.ownerDocument.execCommand('insertText', false, words) && textarea.value === expected;
  } catch {
    done = false;
  }
  if (!done && textarea.value !== expected) {
    textarea.setRangeText(words, start, end, 'end');
    textarea.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: words }));
  }
}
