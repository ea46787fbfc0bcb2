// The embedding guide's demonstration form: a made-up case-system form whose
// own fields are passed to <case-note-checker> through its data- attributes,
// and which asks before saving a note the checker says is late.

import './case-note-checker.js';

const form = document.getElementById('visit-form');
const checker = document.getElementById('visit-checker');
const saved = document.getElementById('visit-saved');

const sync = {
  'visit-event-at': (v) => { checker.dataset.eventAt = v; },
  'visit-child': (v) => { checker.dataset.childName = v; },
  'visit-language': (v) => { checker.dataset.equalityLanguage = v; },
};
for (const [id, set] of Object.entries(sync)) {
  const input = document.getElementById(id);
  input.addEventListener('input', () => set(input.value));
}

form.addEventListener('submit', (event) => {
  const report = checker.report();
  if (report?.deadline.status === 'overdue' && !window.confirm('The checker says this note is late. Save it anyway?')) {
    event.preventDefault();
    return;
  }
  saved.textContent = 'Saved (this demonstration stores nothing).';
});
