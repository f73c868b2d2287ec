/** The GoHighLevel endpoints the simulator serves, found by method and path, checked for scope and body schema. */
import { contactRoutes } from './contact-routes';
import { locationRoutes } from './location-routes';
import { err } from './route-kit';
import type { Route, RouteContext, RouteResult } from './route-kit';

export type { RouteContext, RouteResult } from './route-kit';

export const routes: readonly Route[] = [...locationRoutes, ...contactRoutes];

/** The route and its path parameters, or null (the request ends in 404). */
export function findRoute(method: string, path: string): { route: Route; params: string[] } | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m) return { route, params: m.slice(1).map(decodeURIComponent) };
  }
  return null;
}

/** Checks scope and body schema, and runs the route. */
export function dispatch(method: string, path: string, ctx: Omit<RouteContext, 'params'>): RouteResult {
  const found = findRoute(method, path);
  if (!found) return err(404, `Cannot ${method} ${path}`, { error: 'Not Found' });
  const { route, params } = found;
  const scopes = ctx.caller.scopes;
  if (scopes && !scopes.includes(route.scope)) {
    return err(401, `The token is not authorized for this scope. Required scope: ${route.scope}`);
  }
  if (route.schema) {
    if (typeof ctx.body !== 'object' || ctx.body === null || Array.isArray(ctx.body)) return err(422, ['body must be an object']);
    const problems = ctx.validator.validate(route.schema.file, route.schema.name, ctx.body);
    if (problems.length > 0) return err(422, problems);
  }
  return route.handle({ ...ctx, params });
}
