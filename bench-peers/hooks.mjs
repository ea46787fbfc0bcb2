// Module hooks for `startup.mjs --files`: report every module URL loaded.
let port;
export function initialize(data) {
  port = data.port;
}
export async function load(url, context, next) {
  port?.postMessage(url);
  return next(url, context);
}
