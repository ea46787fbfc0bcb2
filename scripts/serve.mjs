#!/usr/bin/env node
// A zero-dependency static file server for the page, on 127.0.0.1 only.
//
//   node scripts/serve.mjs [--port 8080] [--root www]
//
// `--port 0` picks a free port. Once listening it prints exactly one line,
// "serving ROOT on http://127.0.0.1:PORT", which the end-to-end tests read.
// Every response carries the page's Content-Security-Policy. The one non-GET
// route, POST /submitted, stands in for a case system: it discards the form.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

// The audit report is one self-contained file (it must open from a shared
// drive), so its styles are inline; it runs no script and loads nothing.
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
const SELF_CONTAINED = new Set(['/audit-sample.html']);

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function parseArgs(argv) {
  const opts = { port: 8080, root: 'www' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.split('=', 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (name === '--port') opts.port = Number(value());
    else if (name === '--root') opts.root = value();
    else if (arg === '-h' || arg === '--help') {
      console.log('usage: node scripts/serve.mjs [--port 8080] [--root www]');
      process.exit(0);
    } else {
      console.error(`serve: unknown argument ${arg}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    console.error('serve: --port must be an integer from 0 to 65535');
    process.exit(2);
  }
  if (!opts.root) {
    console.error('serve: --root needs a folder');
    process.exit(2);
  }
  return opts;
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

/** The file under `root` that `urlPath` names, or null if it would escape root. */
function resolvePath(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // Refuse any `..` segment outright rather than normalising it away.
  if (decoded.split('/').some((seg) => seg === '..')) return null;
  if (decoded.endsWith('/')) decoded += 'index.html';
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

export function startServer({ port = 0, root = 'www' } = {}) {
  const rootDir = path.resolve(root);
  const server = createServer(async (req, res) => {
    // The page's form posts here. There is no case system behind this server,
    // so the body is discarded unread and 204 keeps the browser on the page.
    if (req.method === 'POST' && req.url.split('?')[0] === '/submitted') {
      req.resume();
      req.on('end', () => send(res, 204, ''));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    let url;
    try {
      url = new URL(req.url, 'http://127.0.0.1');
    } catch {
      send(res, 400, 'bad request\n');
      return;
    }
    const file = resolvePath(rootDir, url.pathname);
    if (!file) {
      send(res, 404, 'not found\n');
      return;
    }
    let info;
    try {
      info = await stat(file);
    } catch {
      send(res, 404, 'not found\n');
      return;
    }
    if (!info.isFile()) {
      send(res, 404, 'not found\n');
      return;
    }
    const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
    const csp = SELF_CONTAINED.has(url.pathname) ? { 'Content-Security-Policy': REPORT_CSP } : {};
    res.writeHead(200, { ...SECURITY_HEADERS, ...csp, 'Content-Type': type, 'Content-Length': info.size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const opts = parseArgs(process.argv.slice(2));
  startServer(opts).then(
    (server) => {
      const { port } = server.address();
      console.log(`serving ${opts.root} on http://127.0.0.1:${port}`);
      // Nothing to flush: stop at once rather than wait on sockets a browser
      // may hold open (preconnects, keep-alive).
      const stop = () => {
        server.close();
        server.closeAllConnections();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (err) => {
      console.error(`serve: ${err.message}`);
      process.exit(1);
    },
  );
}
