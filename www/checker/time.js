// Pure functions on the local wall-clock times the checker uses
// ("YYYY-MM-DDTHH:MM") and on the recording deadline's countdown.

/** A local wall-clock "YYYY-MM-DDTHH:MM" as a Date, or null. */
export function parseLocal(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value ?? '');
  return m ? new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) : null;
}

/** A Date as local wall-clock "YYYY-MM-DDTHH:MM". */
export function localStamp(date) {
  const p = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}

/** Whole minutes as "3 d 4 h", "3 h 20 min" or "40 min". */
export function formatDuration(minutes) {
  const m = Math.max(0, Math.floor(minutes));
  if (m >= 1440) {
    const d = Math.floor(m / 1440);
    const h = Math.floor((m % 1440) / 60);
    return h ? `${d} d ${h} h` : `${d} d`;
  }
  if (m >= 60) {
    const h = Math.floor(m / 60);
    const rest = m % 60;
    return rest ? `${h} h ${rest} min` : `${h} h`;
  }
  return `${m} min`;
}

/** The countdown to a due time: "due in 3 h 20 min", "due now", "overdue by 40 min"; null for no due time. */
export function countdown(due, now) {
  const dueAt = parseLocal(due);
  if (!dueAt) return null;
  const nowMinute = new Date(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours(), now.getMinutes());
  const minutes = Math.round((dueAt - nowMinute) / 60000);
  if (minutes > 0) return { overdue: false, text: `due in ${formatDuration(minutes)}`, minutes };
  if (minutes === 0) return { overdue: false, text: 'due now', minutes };
  return { overdue: true, text: `overdue by ${formatDuration(-minutes)}`, minutes };
}

/** How a note recorded at `recorded` stands against `due`: "; recorded 3 h 5 min late" and the like. */
export function recordedAgainst(recorded, due, status) {
  const rec = parseLocal(recorded);
  const dueAt = parseLocal(due);
  const minutes = rec && dueAt ? Math.round((rec - dueAt) / 60000) : 0;
  if (status === 'overdue') return { state: 'overdue', text: `; recorded ${formatDuration(minutes)} late` };
  return { state: 'ok', text: minutes < 0 ? `; recorded on time, ${formatDuration(-minutes)} before the deadline` : '; recorded on time' };
}

/** "a statutory visit (within 72 hours)" → "Statutory visit (within 72 hours)". */
export function categoryLabel(names, category) {
  const name = names?.[category];
  const capitalise = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);
  if (!name) return capitalise(String(category).replace(/_/g, ' '));
  return capitalise(name.replace(/^(a|an)\s+/i, ''));
}
