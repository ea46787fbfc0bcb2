// Types for case-note-checker.js, the embeddable live checker, and every
// name it exports. Report, Finding, CheckContext and RuleInfo are the
// WebAssembly module's own (pkg/case_note_checker.d.ts).

import type { CheckContext, Report, Finding, RuleInfo, Severity, RuleId, Category } from './pkg/case_note_checker.js';

export type { CheckContext, Report, Finding, RuleInfo, Severity, RuleId, Category };

export interface Dismissal { rule: RuleId; text: string; }

/** One problem with where it is: `context.event_at`, `timescales.other.days`, `fields.event`. */
export interface Problem { path: string; message: string; }

/** An Error thrown by the checker: every problem with its path, and for a bad context the field at fault. */
export interface CheckerError extends Error { problems?: Problem[]; field?: string; }

export interface CheckerOptions {
  /** The form's context: event type and time, recorded time, child, equality fields. */
  context?: CheckContext;
  /** A council's policy, as an object or JSON text; or `policyUrl` (same origin). Default: the built-in policy. */
  policy?: object | string;
  policyUrl?: string;
  /** Where the guidance goes; `false` for highlights only. Default: a panel added after the field. */
  panel?: Element | false;
  /** Dismissals to restore, as `dismissals()` returned them. */
  dismissed?: Dismissal[];
  /** Level of the panel's headings (1–4, default 3). */
  headingLevel?: number;
  /** With no `recorded_at`, count the deadline from the current local time (default true). */
  recordedAtNow?: boolean;
  /** Say in the panel when the context is malformed (default true). */
  showContextErrors?: boolean;
  /** A link for "more about this rule" in the panel. */
  ruleHref?: (id: string) => string | null;
  /** Where the wasm-bindgen module is (default ./pkg/case_note_checker.js beside this file). */
  moduleUrl?: string;
  /** Check in a Web Worker where the page allows one (default true); false: always on the page's thread. */
  worker?: boolean;
  /** The worker script (default ./checker-worker.js beside this file). One worker serves the page: the first URL wins. */
  workerUrl?: string;
  /** What the host's form calls a context field (for error messages), e.g. "event_at" → "Date of visit". */
  fieldLabel?: (path: string) => string | null;
  /** Date and time formatting (default "en-GB"). */
  locale?: string;
  /** The current time (default `new Date()`). */
  now?: () => Date;
  /** Use the CSS Custom Highlight API for the underlines (default: when the browser has it). */
  highlightApi?: boolean;
  /** Called with every event's short name and detail. */
  onEvent?: (name: string, detail: unknown) => void;
}

export interface Highlighted { start: number; end: number; severity: Severity; }

/** What went wrong: a malformed context, a missing mapped form control, a worker that stopped. */
export interface CheckerErrorDetail {
  kind: 'context' | 'fields' | 'worker';
  message: string;
  /** The context field at fault ("event_at", "child.age_years"), or null. */
  field: string | null;
  /** For `fields`: the form control's name that was not found. */
  control?: string | null;
  problems: Problem[];
  error?: CheckerError;
}

export interface ContextErrorDetail { error: CheckerError; field: string | null; message: string; problems: Problem[]; }

interface EventDetails {
  'findings-changed': Report;
  checked: { report: Report; text: string; context: CheckContext; cost: number; error: CheckerError | null; via: 'worker' | 'page' };
  ready: { name: string };
  unavailable: { error: unknown };
  'context-error': ContextErrorDetail | null;
  error: CheckerErrorDetail;
  'dismissals-changed': Dismissal[];
  'suggestion-applied': { rule: string; text: string; replacement: string; start: number };
  'policy-changed': { name: string; rules: RuleInfo[] };
  detached: null;
}

/**
 * The events, namespaced: `case-note-checker:findings-changed` and so on.
 * The names before the namespace (`findings-changed`, `checked`,
 * `checker-ready`, `checker-unavailable`, `context-error`,
 * `dismissals-changed`, `suggestion-applied`, `policy-changed`, `detached`)
 * are dispatched too, deprecated, for one release.
 */
export type CheckerEvents = { [K in keyof EventDetails as `case-note-checker:${K}`]: CustomEvent<EventDetails[K]> } & {
  /** @deprecated use `case-note-checker:findings-changed` */ 'findings-changed': CustomEvent<Report>;
  /** @deprecated use `case-note-checker:checked` */ checked: CustomEvent<EventDetails['checked']>;
  /** @deprecated use `case-note-checker:ready` */ 'checker-ready': CustomEvent<EventDetails['ready']>;
  /** @deprecated use `case-note-checker:unavailable` */ 'checker-unavailable': CustomEvent<EventDetails['unavailable']>;
  /** @deprecated use `case-note-checker:context-error` */ 'context-error': CustomEvent<ContextErrorDetail | null>;
  /** @deprecated use `case-note-checker:dismissals-changed` */ 'dismissals-changed': CustomEvent<Dismissal[]>;
  /** @deprecated use `case-note-checker:suggestion-applied` */ 'suggestion-applied': CustomEvent<EventDetails['suggestion-applied']>;
  /** @deprecated use `case-note-checker:policy-changed` */ 'policy-changed': CustomEvent<EventDetails['policy-changed']>;
  /** @deprecated use `case-note-checker:detached` */ detached: CustomEvent<null>;
};

export interface PolicyInfo { name: string; rules: RuleInfo[]; standards: Record<number, string>; categoryNames: Record<Category, string>; }

export interface CaseNoteCheckerController extends EventTarget {
  readonly textarea: HTMLTextAreaElement;
  /** "loading" | "ready" | "unavailable" | "detached" */
  readonly state: 'loading' | 'ready' | 'unavailable' | 'detached';
  /** Where checks run now: in the page's worker, on the page's own thread, or null when not checking. */
  readonly checkingIn: 'worker' | 'page' | null;
  /** Resolves, once it is decided (the worker started or could not), to where checks run. */
  readonly checkingSettled: Promise<'worker' | 'page' | null>;
  /** Resolves true once checking, false if the checker could not load (the field is then untouched). */
  readonly ready: Promise<boolean>;
  /** True while an edit or context change has not been checked and shown yet. */
  readonly pending: boolean;
  /** How long the last check took, in ms (in the worker: from posting the note to its report). */
  readonly lastCost: number;
  report(): Report | null;
  findings(): Finding[];
  highlights(): Highlighted[];
  /** Checks the note now on the page's thread and returns the report. */
  refresh(): Report | null;
  /** Checks any text with this field's policy on the page's thread; throws a CheckerError on a malformed context. */
  check(text: string, context?: CheckContext): Report;
  context(): CheckContext;
  /** The context the checker is given: with now as `recorded_at` when none is given and the event has happened. */
  effectiveContext(): CheckContext;
  setContext(partial: Partial<CheckContext>, options?: { replace?: boolean }): void;
  setPolicy(policy: { policy?: object | string; policyUrl?: string }): Promise<boolean>;
  policyInfo(): PolicyInfo | null;
  dismissals(): Dismissal[];
  dismiss(rule: string, text?: string): void;
  undismiss(rule: string, text?: string): void;
  /** Reports a problem in the host's set-up: on the console and as a `case-note-checker:error` event. */
  reportError(detail: CheckerErrorDetail): void;
  detach(): void;
  addEventListener<K extends keyof CheckerEvents>(type: K, listener: (event: CheckerEvents[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** Adds live checking to a textarea; returns at once (see `ready`). Attaching twice returns the same controller. */
export function attachChecker(textarea: HTMLTextAreaElement, options?: CheckerOptions): CaseNoteCheckerController;

/** Loads the WebAssembly module once per page (on the page's thread). */
export function loadEngine(moduleUrl?: string): Promise<typeof import('./pkg/case_note_checker.js')>;

export interface LoadedPolicy {
  key: string;
  checker: import('./pkg/case_note_checker.js').Checker;
  /** The policy as an object, or null for the built-in one (what a worker is given). */
  source: object | null;
  rules: RuleInfo[];
  rule(id: string): RuleInfo | undefined;
  name: string;
  categoryNames: Record<Category, string>;
  standards: Map<number, string>;
}

/** The compiled checker for a policy, built once per page and shared by every field using it. */
export function loadPolicy(options?: { policy?: object | string; policyUrl?: string; moduleUrl?: string }): Promise<LoadedPolicy>;

/** Each event's short name → the deprecated name dispatched with it (null: no old name). */
export const EVENT_ALIASES: Readonly<Record<keyof EventDetails, string | null>>;

/** The countdown to a due time ("YYYY-MM-DDTHH:MM", local): "due in 3 h 20 min", "due now", "overdue by 40 min". */
export function countdown(due: string, now: Date): { overdue: boolean; text: string; minutes: number } | null;
/** Whole minutes as "3 d 4 h", "3 h 20 min" or "40 min". */
export function formatDuration(minutes: number): string;
/** A Date as local wall-clock "YYYY-MM-DDTHH:MM". */
export function localStamp(date: Date): string;

/**
 * `<case-note-checker for="note-id" fields="event=EventType event_at=EventDate …" data-event=…>`.
 * `fields` maps context fields to the names of controls in the textarea's
 * form, read live; `data-` attributes give fixed values.
 */
export class CaseNoteCheckerElement extends HTMLElement {
  controller: CaseNoteCheckerController | null;
  /** Options for attachChecker, set before the element is connected. */
  options?: CheckerOptions;
  readonly ready: Promise<boolean>;
  report(): Report | null;
  findings(): Finding[];
  dismissals(): Dismissal[];
  refresh(): Report | null;
  setContext(partial: Partial<CheckContext>, options?: { replace?: boolean }): void;
  setPolicy(policy: { policy?: object | string; policyUrl?: string }): Promise<boolean> | undefined;
  addEventListener<K extends keyof CheckerEvents>(type: K, listener: (event: CheckerEvents[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** Defines the `<case-note-checker>` element (done on import, under that name). */
export function defineElement(name?: string): void;

declare global {
  interface HTMLElementTagNameMap { 'case-note-checker': CaseNoteCheckerElement; }
}
