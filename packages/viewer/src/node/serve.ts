/**
 * A small static HTTP server for the built viewer (loopback only).
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * A running server.
 *
 * @example
 * ```ts
 * const { url, close }: StaticServer = await serveFolder('packages/viewer/dist');
 * ```
 */
export interface StaticServer {
  /** `http://localhost:PORT/` (the server listens on 127.0.0.1). */
  readonly url: string;
  /** The port. */
  readonly port: number;
  /** Stop the server. */
  close(): Promise<void>;
}

/** The file a request path names inside `root`, or null when it would leave it. */
function fileOf(root: string, requestUrl: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/**
 * Serve a folder over HTTP on 127.0.0.1 (GET and HEAD; `/` is
 * `index.html`; no caching, so that a rebuild shows at once). Port 0 picks a
 * free port; a busy port is followed by the next ones (up to `tries`).
 *
 * @param root - the folder.
 * @param port - the first port to try (default 0: any free port).
 * @throws Error when no port of the range is free.
 * @example
 * ```ts
 * const server = await serveFolder(DEFAULT_DIST, 5173);
 * console.log(server.url); // http://localhost:5173/
 * await server.close();
 * ```
 */
export async function serveFolder(root: string, port = 0, tries = 20): Promise<StaticServer> {
  const base = normalize(root);
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = fileOf(base, request.url ?? '/');
    if (file === null) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end('bad path\n');
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'content-length': body.length,
          'cache-control': 'no-store',
        });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      () => response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n'),
    );
  });
  let bound = -1;
  for (let attempt = 0; attempt < (port === 0 ? 1 : tries); attempt++) {
    try {
      bound = await listen(server, port === 0 ? 0 : port + attempt);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  if (bound < 0) throw new Error(`serveFolder: ports ${port} to ${port + tries - 1} are all in use; pass another port`);
  return {
    url: `http://localhost:${bound}/`,
    port: bound,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
