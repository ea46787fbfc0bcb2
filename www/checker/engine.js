// Loading the WebAssembly checker on the page: the module once per page,
// one compiled Checker per policy, shared by every field that uses it.
// The page's own Checker answers what must be answered at once (refresh(),
// check(), a suggestion applied); live checks while typing go through the
// worker (worker-client.js) where the browser allows one.

const PKG_URL = new URL('../pkg/case_note_checker.js', import.meta.url).href;

let engine = null;

/**
 * Loads the WebAssembly checker once per page. Later calls return the same
 * promise, whatever URL they pass.
 */
export function loadEngine(moduleUrl = PKG_URL) {
  if (!engine) {
    engine = import(moduleUrl).then(async (mod) => {
      await mod.default();
      return mod;
    });
    // A failed load (the .wasm blocked, offline) can be tried again later.
    engine.catch(() => { engine = null; });
  }
  return engine;
}

/** The key a policy is cached under: its URL, its text, or "builtin". */
export function policyKey({ policy, policyUrl }) {
  if (policyUrl) return `url:${new URL(policyUrl, document.baseURI).href}`;
  if (policy === undefined || policy === null) return 'builtin';
  return `json:${typeof policy === 'string' ? policy : JSON.stringify(policy)}`;
}

const policies = new Map();
let defaultPolicyDoc = null;

/**
 * The compiled checker for a policy, built once per page and shared by every
 * field that uses it: `{ key, checker, source, rules, rule(id), name,
 * categoryNames, standards }`, where `source` is the policy as an object (or
 * null for the built-in one), which is what a worker is given.
 */
export function loadPolicy({ policy, policyUrl, moduleUrl } = {}) {
  const key = policyKey({ policy, policyUrl });
  let entry = policies.get(key);
  if (!entry) {
    entry = (async () => {
      const mod = await loadEngine(moduleUrl);
      let text = policy;
      if (policyUrl) {
        const response = await fetch(new URL(policyUrl, document.baseURI), { credentials: 'same-origin' });
        if (!response.ok) throw new Error(`policy ${policyUrl}: HTTP ${response.status}`);
        text = await response.text();
      }
      const source = text === undefined || text === null ? null : typeof text === 'string' ? JSON.parse(text) : text;
      const checker = new mod.Checker(source ?? undefined);
      const rules = checker.rules();
      const byId = new Map(rules.map((r) => [r.id, r]));
      // The names of the recording-timescale categories and the standards'
      // wording come from the policy document: the built-in one, with the
      // council's own over it.
      defaultPolicyDoc ??= JSON.parse(mod.Checker.defaultPolicy());
      const own = source ?? {};
      const categoryNames = { ...defaultPolicyDoc.category_names, ...(own.category_names ?? {}) };
      const standards = new Map();
      for (const [n, t] of Object.entries({ ...defaultPolicyDoc.standards, ...(own.standards ?? {}) })) standards.set(Number(n), t);
      for (const r of rules) if (r.standard !== null && r.standard_text) standards.set(r.standard, r.standard_text);
      return { key, checker, source, rules, rule: (id) => byId.get(id), name: checker.policyName(), categoryNames, standards };
    })();
    policies.set(key, entry);
    // A policy that failed (a typo in a URL, a broken file) can be tried again.
    entry.catch(() => { if (policies.get(key) === entry) policies.delete(key); });
  }
  return entry;
}
