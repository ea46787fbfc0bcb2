// case-note-checker: live guidance on a case note, added to an existing
// <textarea> in a case system's form.
//
//   import { attachChecker } from './case-note-checker.js';
//   const checker = attachChecker(document.getElementById('note'), {
//     context: { event: 'statutory_visit', event_at: '2026-11-23T10:00' },
//   });
//   checker.addEventListener('case-note-checker:findings-changed', (e) => console.log(e.detail));
//
// or, with no script of your own:
//
//   <textarea id="note" name="note"></textarea>
//   <case-note-checker for="note" fields="event=EventType event_at=EventDate"></case-note-checker>
//
// The textarea stays the form's field: its name, value, validation and
// submission are untouched, and if the checker cannot load it works exactly
// as before. The note is checked in this page by a WebAssembly module — in
// a Web Worker (checker-worker.js) where the page allows one, else on the
// page's own thread; nothing is sent anywhere. User text only ever reaches
// the page as text, never as HTML. Styles are set through classes and the
// CSSOM, so a strict Content-Security-Policy without 'unsafe-inline' is
// enough. Style it with the --cnc-* custom properties in
// case-note-checker.css.
//
// This file only gathers the modules in ./checker/, one job each:
//   engine.js        loads the module and a policy on the page
//   worker-client.js checks in the page's worker (checker-worker.js)
//   checking.js      when and where a field is checked
//   controller.js    a field's state and the panel's actions (attach.js)
//   overlay.js, mirror.js   the layer behind the field and its underlines
//   panel.js, findings-list.js   the guidance
//   element.js, form-fields.js   <case-note-checker> and its form's fields
//   segments.js, suggestions.js, findings.js, context.js, time.js   pure helpers
//   dom.js, events.js

import { defineElement } from './checker/element.js';

export { attachChecker } from './checker/attach.js';
export { CaseNoteCheckerElement, defineElement } from './checker/element.js';
export { loadEngine, loadPolicy } from './checker/engine.js';
export { EVENT_ALIASES } from './checker/events.js';
export { countdown, formatDuration, localStamp } from './checker/time.js';

defineElement();
