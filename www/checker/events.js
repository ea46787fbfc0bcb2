// The events a checker dispatches. Each is namespaced
// ("case-note-checker:findings-changed") so it cannot clash with a host
// page's own events; the names before the namespace ("findings-changed")
// are dispatched too, as deprecated aliases, for one release.

export const PREFIX = 'case-note-checker:';

/** Each event's short name → the deprecated name it replaces (null: new, no alias). */
export const EVENT_ALIASES = {
  'findings-changed': 'findings-changed',
  checked: 'checked',
  ready: 'checker-ready',
  unavailable: 'checker-unavailable',
  'context-error': 'context-error',
  error: null,
  'dismissals-changed': 'dismissals-changed',
  'suggestion-applied': 'suggestion-applied',
  'policy-changed': 'policy-changed',
  detached: 'detached',
};

/** Every name dispatched for an event: the namespaced one first, then its alias. */
export function eventNames(name) {
  const alias = EVENT_ALIASES[name];
  return alias ? [PREFIX + name, alias] : [PREFIX + name];
}

/** Dispatches an event (and its alias) on each target; `bubbles` for targets in the page. */
export function dispatch(targets, name, detail) {
  for (const [target, bubbles] of targets) {
    for (const type of eventNames(name)) target.dispatchEvent(new CustomEvent(type, { detail, bubbles }));
  }
}
