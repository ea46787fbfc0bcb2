// attachChecker: the one way a field gets a checker, by script or through
// the element; attaching twice returns the same controller.

import { CaseNoteChecker } from './controller.js';
import { PREFIX } from './events.js';

const attached = new WeakMap();

/**
 * Adds live checking to a textarea. Returns a controller at once; the checker
 * loads in the background (`controller.ready` resolves to true when it is
 * checking, false if it could not load, in which case nothing on the page is
 * changed). The options are described in case-note-checker.d.ts.
 */
export function attachChecker(textarea, options = {}) {
  if (!(textarea instanceof HTMLTextAreaElement)) throw new TypeError('attachChecker: the first argument must be a <textarea>');
  const existing = attached.get(textarea);
  if (existing) return existing;
  const controller = new CaseNoteChecker(textarea, options);
  attached.set(textarea, controller);
  controller.addEventListener(`${PREFIX}detached`, () => attached.delete(textarea), { once: true });
  return controller;
}
