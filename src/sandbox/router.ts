import type { Reply, SimRequest } from './reply.js';

/** Path parameters by name (`/clients/:id` → `{ id: '12' }`). */
export type RouteParams = Readonly<Record<string, string>>;

/** Answers one matched request. */
export type RouteHandler = (request: SimRequest, params: RouteParams) => Reply | Promise<Reply>;

/** What the router found for a method and path. */
export type RouteMatch =
  | { readonly kind: 'found'; readonly handler: RouteHandler; readonly params: RouteParams }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'not-found' };

/** A tiny method + path router; `:name` segments capture one path segment. */
export interface Router {
  add(method: string, pattern: string, handler: RouteHandler): Router;
  match(method: string, path: string): RouteMatch;
}

interface Route {
  readonly method: string;
  readonly segments: readonly string[];
  readonly handler: RouteHandler;
}

const split = (path: string): string[] => path.split('/').filter((segment) => segment !== '');

/** Creates an empty router. A trailing slash is ignored (`POST /api/v1/clients/` in seed 002). */
export function createRouter(): Router {
  const routes: Route[] = [];
  const router: Router = {
    add(method, pattern, handler) {
      routes.push({ method: method.toUpperCase(), segments: split(pattern), handler });
      return router;
    },
    match(method, path) {
      const segments = split(path);
      const candidates: { route: Route; params: Record<string, string> }[] = [];
      for (const route of routes) {
        const params = capture(route.segments, segments);
        if (params !== undefined) candidates.push({ route, params });
      }
      // First registered route wins, so fixed segments (`/clients/myself`) go before `:id`.
      const found =
        candidates.find((c) => c.route.method === method) ??
        (method === 'HEAD' ? candidates.find((c) => c.route.method === 'GET') : undefined);
      if (found !== undefined) return { kind: 'found', handler: found.route.handler, params: found.params };
      if (candidates.length > 0) return { kind: 'method-not-allowed', allowed: [...new Set(candidates.map((c) => c.route.method))] };
      return { kind: 'not-found' };
    },
  };
  return router;
}

function capture(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] ?? '';
    const actual = segments[i] ?? '';
    if (expected.startsWith(':')) params[expected.slice(1)] = safeDecode(actual);
    else if (expected !== actual) return undefined;
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
