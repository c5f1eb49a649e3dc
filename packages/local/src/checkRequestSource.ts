import type { IncomingHttpHeaders } from 'node:http';
import { header } from './http.js';

/**
 * What {@link checkRequestSource} needs to know: the port the server listens on and the browser origins the
 * user allowed.
 * @internal
 */
export interface RequestSourceOptions {
  port: number;
  /** Exact origins (`scheme://host[:port]`) whose pages may call the server; every other browser request is refused. */
  allowOrigins: readonly string[];
}

/**
 * The verdict on one request's source: served (with the origin to echo in CORS headers, if any), or refused
 * with a message that says what to do instead.
 * @internal
 */
export type RequestSource = { ok: true; corsOrigin: string | undefined } | { ok: false; message: string };

/** Loopback names the server answers to; `bucket.localhost` (S3 virtual-hosted) and `sync-` (StartSyncExecution) too. */
const LOOPBACK_HOST = /^(?:sync-)?(?:127\.0\.0\.1|\[::1\]|(?:[a-z0-9][a-z0-9.-]*\.)?localhost)$/;

/**
 * Decides whether a request may reach the services: its `Host` must be one of this server's loopback addresses
 * with its port (a DNS-rebinding page sends its own host name), and a browser request (an `Origin` header, or
 * `Sec-Fetch-Site` other than `none`/`same-origin`) must come from an origin the user allowed.
 *
 * @remarks
 * Pure. Web pages the user opens can otherwise invoke local functions or delete S3 objects with a plain
 * cross-site POST (no CORS preflight is needed for a "simple" request) and read answers after DNS rebinding.
 * @internal
 */
export function checkRequestSource(headers: IncomingHttpHeaders, options: RequestSourceOptions): RequestSource {
  const host = (header(headers, 'host') ?? '').toLowerCase();
  const m = /^(.*):(\d+)$/.exec(host);
  const endpoint = `http://127.0.0.1:${options.port}`;
  if (m === null || Number(m[2]) !== options.port || !LOOPBACK_HOST.test(m[1]!)) {
    return {
      ok: false,
      message:
        `Host "${host}" is not this server (127.0.0.1:${options.port}, localhost:${options.port} or [::1]:${options.port}); ` +
        `requests for other host names are refused so that web pages cannot reach it through DNS rebinding. Use ${endpoint} as the endpoint.`,
    };
  }
  const origin = header(headers, 'origin');
  const site = header(headers, 'sec-fetch-site');
  const fromBrowser = origin !== undefined || (site !== undefined && site !== 'none' && site !== 'same-origin');
  if (!fromBrowser) return { ok: true, corsOrigin: undefined };
  if (origin !== undefined && options.allowOrigins.includes(origin)) return { ok: true, corsOrigin: origin };
  const shown = origin === undefined ? `a ${site} page` : `origin "${origin}"`;
  return {
    ok: false,
    message:
      `Requests from web pages are refused (${shown}). To let a page you trust call this server, start it with ` +
      `--allow-origin ${origin ?? '<origin>'} (the allowOrigins option of createLocalServer).`,
  };
}

/**
 * The CORS headers an allowed origin's requests are answered with; for a preflight (`OPTIONS` with
 * `Access-Control-Request-Method`) also the methods and headers it asked for.
 * @internal
 */
export function corsHeaders(origin: string, headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {
    'access-control-allow-origin': origin,
    'access-control-expose-headers':
      'etag, x-amz-request-id, x-amzn-requestid, x-amzn-errortype, x-amz-function-error, x-amz-log-result, x-amz-executed-version, x-amz-version-id',
    vary: 'Origin',
  };
  const method = header(headers, 'access-control-request-method');
  if (method !== undefined) {
    out['access-control-allow-methods'] = 'GET, PUT, POST, DELETE, HEAD';
    out['access-control-allow-headers'] = header(headers, 'access-control-request-headers') ?? '*';
    out['access-control-max-age'] = '600';
  }
  return out;
}
