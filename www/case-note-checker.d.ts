// Types for case-note-checker.js, the embeddable live checker.
// Report, Finding, CheckContext and RuleInfo are the WebAssembly module's own.

import type { CheckContext, Report, Finding, RuleInfo, Severity, RuleId, Category } from './pkg/case_note_checker.js';

export type { CheckContext, Report, Finding, RuleInfo, Severity, RuleId, Category };

export interface Dismissal { rule: RuleId | string; text: string; }

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
  /** Date and time formatting (default "en-GB"). */
  locale?: string;
  /** The current time (default `new Date()`). */
  now?: () => Date;
}

export interface Highlighted { start: number; end: number; severity: Severity; }

export interface CheckerEvents {
  'findings-changed': CustomEvent<Report>;
  checked: CustomEvent<{ report: Report; text: string; context: CheckContext; cost: number; error: Error | null }>;
  'checker-ready': CustomEvent<{ name: string }>;
  'checker-unavailable': CustomEvent<{ error: unknown }>;
  'context-error': CustomEvent<{ error: Error; field: string | null; message: string } | null>;
  'dismissals-changed': CustomEvent<Dismissal[]>;
  'suggestion-applied': CustomEvent<{ rule: string; text: string; replacement: string; start: number }>;
  'policy-changed': CustomEvent<{ name: string; rules: RuleInfo[] }>;
  detached: CustomEvent<null>;
}

export interface CaseNoteCheckerController extends EventTarget {
  readonly textarea: HTMLTextAreaElement;
  /** "loading" | "ready" | "unavailable" | "detached" */
  readonly state: string;
  /** Resolves true once checking, false if the checker could not load (the field is then untouched). */
  readonly ready: Promise<boolean>;
  /** True while an edit or context change has not been checked yet. */
  readonly pending: boolean;
  report(): Report | null;
  findings(): Finding[];
  highlights(): Highlighted[];
  refresh(): Report | null;
  check(text: string, context?: CheckContext): Report;
  context(): CheckContext;
  setContext(partial: Partial<CheckContext>, options?: { replace?: boolean }): void;
  setPolicy(policy: { policy?: object | string; policyUrl?: string }): Promise<boolean>;
  policyInfo(): { name: string; rules: RuleInfo[]; standards: Record<number, string>; categoryNames: Record<Category, string> } | null;
  dismissals(): Dismissal[];
  dismiss(rule: string, text?: string): void;
  undismiss(rule: string, text?: string): void;
  detach(): void;
  addEventListener<K extends keyof CheckerEvents>(type: K, listener: (event: CheckerEvents[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** Adds live checking to a textarea; returns at once (see `ready`). Attaching twice returns the same controller. */
export function attachChecker(textarea: HTMLTextAreaElement, options?: CheckerOptions): CaseNoteCheckerController;

/** Loads the WebAssembly module once per page. */
export function loadEngine(moduleUrl?: string): Promise<unknown>;

/** `<case-note-checker for="note-id" data-event=… data-event-at=…>`. */
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
}

declare global {
  interface HTMLElementTagNameMap { 'case-note-checker': CaseNoteCheckerElement; }
}
