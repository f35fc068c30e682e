import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { apiErrorSchema } from '@parc/shared';
import type { Role } from '../db/schema.js';
import { ForbiddenError, UnauthorizedError } from './errors.js';
import type { AppEnv, AuthUser } from './context.js';
import { readJson, validate } from './validate.js';
import { scopesAllow } from '@parc/shared/api/token-scopes';
import { TOKEN_AREA_BY_TAG, type RouteTokenArea } from './token-areas.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** Who may call a route: anyone, any logged-in user, or the listed roles. Agent routes authenticate themselves. */
export type Access = 'public' | 'user' | readonly Role[];

export interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends z.ZodType | undefined> {
  method: Method;
  /** Hono path syntax: `/api/v1/devices/:id`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  /**
   * For a public route that checks a credential itself: an agent key (`Authorization: Bearer <agentKey>`)
   * or an enrollment token in the body. Documented as `x-parc-access`, so tests can derive who may call it.
   */
  credential?: 'agent-key' | 'enrollment-token';
  /**
   * What a personal API token needs to call this route: by default the area of its tag (see
   * token-areas.ts); `deny` for what only a person may do (creating tokens).
   */
  tokens?: RouteTokenArea | 'deny';
  body?: B;
  /**
   * Largest JSON body this route reads, when it needs more than the builder's default (imports); a
   * bigger one is a 413 before it is buffered.
   */
  maxBodyBytes?: number;
  /** Set when the handler reads the raw body itself (compressed agent uploads). */
  rawBody?: { contentType: string; schema: z.ZodType };
  query?: Q;
  params?: P;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
}

type Out<S> = S extends z.ZodType ? z.infer<S> : undefined;
export interface RouteInput<B, Q, P> {
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
  user: AuthUser | undefined;
}

/**
 * Declares a route once: the handler is mounted on the Hono app and the same zod schemas describe it in
 * the OpenAPI document, so the reference cannot drift from what the server validates.
 */
export class ApiBuilder {
  readonly registry = new OpenAPIRegistry();

  /** `maxBodyBytes`: the largest JSON body a route reads unless it says otherwise (small: see PARC_MAX_JSON_BYTES). */
  constructor(
    readonly app: Hono<AppEnv>,
    private readonly opts: { maxBodyBytes: number } = { maxBodyBytes: 1024 * 1024 },
  ) {
    this.registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  }

  route<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined>(
    spec: RouteSpec<B, Q, P>,
    handler: (c: Context<AppEnv>, input: RouteInput<B, Q, P>) => Promise<Response> | Response,
  ): void {
    this.document(spec);
    this.app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const user = c.get('user');
      authorize(spec.access, user);
      if (user?.apiToken) authorizeToken(spec, c.req.method, user.apiToken.scopes);
      const input = {
        params: spec.params ? validate(spec.params, c.req.param(), 'params') : undefined,
        query: spec.query ? validate(spec.query, c.req.query(), 'query') : undefined,
        body: spec.body
          ? validate(
              spec.body,
              await readJson(c.req.raw, { limit: spec.maxBodyBytes ?? this.opts.maxBodyBytes, allowEmpty: spec.body.safeParse(undefined).success }),
              'body',
            )
          : undefined,
        user,
      } as RouteInput<B, Q, P>;
      return handler(c, input);
    });
  }

  private document(spec: RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>) {
    const responses: Record<string, { description: string; content?: Record<string, { schema: z.ZodType }> }> = {};
    for (const [status, r] of Object.entries(spec.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: r.schema } } } : {}),
      };
    }
    responses['400'] ??= { description: 'Invalid input', content: { 'application/json': { schema: apiErrorSchema } } };
    if (spec.access !== 'public') {
      responses['401'] ??= { description: 'Not authenticated', content: { 'application/json': { schema: apiErrorSchema } } };
    }
    const body = spec.body
      ? { content: { 'application/json': { schema: spec.body } } }
      : spec.rawBody
        ? { content: { [spec.rawBody.contentType]: { schema: spec.rawBody.schema } } }
        : undefined;
    const roles = Array.isArray(spec.access) ? ` Roles: ${spec.access.join(', ')}.` : '';
    const area = tokenArea(spec);
    const scope =
      spec.access === 'public'
        ? ''
        : area === 'deny'
          ? ' API tokens: refused.'
          : area === 'account'
            ? ' API tokens: any scope.'
            : ` API tokens: scope ${area}:${spec.method === 'get' ? 'read' : 'write'}.`;
    this.registry.registerPath({
      method: spec.method,
      path: spec.path.replace(/:([A-Za-z_]+)/g, '{$1}'),
      summary: spec.summary,
      description: `${spec.description ?? ''}${roles}${scope}`.trim() || undefined,
      tags: [spec.tag],
      ...(spec.access !== 'public' ? { security: [{ bearer: [] }] } : {}),
      'x-parc-access': accessOf(spec),
      request: {
        ...(spec.params ? { params: spec.params as z.ZodObject } : {}),
        ...(spec.query ? { query: spec.query as z.ZodObject } : {}),
        ...(body ? { body } : {}),
      },
      responses,
    });
  }

  openApiDocument(info: { title: string; version: string }) {
    return new OpenApiGeneratorV3(this.registry.definitions).generateDocument({
      openapi: '3.0.3',
      info: { ...info, description: 'Parc: IT asset inventory and helpdesk. Every error answers `{ "error": { "code", "message", "field"? } }`.' },
    });
  }
}

/** Who may call a route, machine-readable: `public`, `user` (any logged-in user), the role list, or the credential a public route checks itself. */
export type DocumentedAccess = 'public' | 'user' | readonly Role[] | 'agent-key' | 'enrollment-token';

function accessOf(spec: { access: Access; credential?: 'agent-key' | 'enrollment-token' }): DocumentedAccess {
  return spec.access === 'public' && spec.credential ? spec.credential : spec.access;
}

function authorize(access: Access, user: AuthUser | undefined) {
  if (access === 'public') return;
  if (!user) throw new UnauthorizedError();
  if (access !== 'user' && !access.includes(user.role)) {
    throw new ForbiddenError(`this needs one of the roles: ${access.join(', ')}; you are ${user.role}`);
  }
}

/** The area a token needs for a route: its own `tokens`, else its tag's; none known: refused. */
export function tokenArea(spec: { tag: string; tokens?: RouteTokenArea | 'deny' | undefined }): RouteTokenArea | 'deny' {
  return spec.tokens ?? (Object.hasOwn(TOKEN_AREA_BY_TAG, spec.tag) ? TOKEN_AREA_BY_TAG[spec.tag]! : 'deny');
}

/** A token calls a route only within its scopes; its owner's role was checked first (it never exceeds it). */
function authorizeToken(spec: { tag: string; tokens?: RouteTokenArea | 'deny' | undefined }, method: string, scopes: readonly string[]) {
  const area = tokenArea(spec);
  if (area === 'account') return;
  if (area === 'deny') throw new ForbiddenError('an API token cannot do this; log in as yourself');
  if (!scopesAllow(scopes, area, method)) {
    const needed = `${area}:${method === 'GET' || method === 'HEAD' ? 'read' : 'write'}`;
    throw new ForbiddenError(`this API token lacks the scope ${needed}; it has: ${scopes.join(', ') || 'none'}`);
  }
}
