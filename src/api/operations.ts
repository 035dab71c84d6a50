import type { Hono } from 'hono';
import { z } from 'zod';
import { apiWriteDenial } from '../policy/api.js';
import { ErrorBody } from './schemas.js';
import { apiError, type ApiCtx, type ApiEnv } from './env.js';

type Method = 'get' | 'post' | 'patch' | 'delete';
type Response_ = { description: string; schema?: z.ZodType };
type AnyObject = z.ZodObject<z.ZodRawShape>;

/** One API operation: its shapes (for validation and for the OpenAPI document) and its handler. */
export type Operation<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> = {
  method: Method;
  /** OpenAPI form: /api/v1/works/{id} */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** Needs a token with write scope. */
  write?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** The success responses; error responses are added for every operation. */
  responses: Record<number, Response_>;
  handler: (c: ApiCtx, input: { params: z.output<P>; query: z.output<Q>; body: z.output<B> }) => Promise<Response>;
};

export type AnyOperation = Operation<AnyObject, AnyObject, z.ZodType>;

const EMPTY = z.object({});

export function operation<P extends AnyObject = typeof EMPTY, Q extends AnyObject = typeof EMPTY, B extends z.ZodType = z.ZodUndefined>(
  op: Operation<P, Q, B>,
): AnyOperation {
  return op as unknown as AnyOperation;
}

/** First message per field, keyed by its dotted path ("chapter.text"). */
function details(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>, fallback: string) {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path.map(String).join('.') || fallback] ??= i.message;
  return out;
}

const inputSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
  properties?: Record<string, { type?: string; description?: string }>; required?: string[];
};

/** Query strings carry lists as repeated keys; the schema says which parameters are lists. */
function queryReader(schema: AnyObject) {
  const props = Object.entries(inputSchema(schema).properties ?? {}).map(([k, json]) => [k, json.type === 'array'] as const);
  return (c: ApiCtx) => {
    const all = c.req.queries();
    const out: Record<string, string | string[]> = {};
    for (const [k, list] of props) {
      const v = all[k];
      if (list) out[k] = v ?? [];
      else if (v !== undefined) out[k] = v[v.length - 1]!;
    }
    return out;
  };
}

export function register(app: Hono<ApiEnv>, ops: readonly AnyOperation[]) {
  for (const op of ops) {
    const honoPath = op.path.replace(/\{(\w+)\}/g, ':$1');
    const readQuery = queryReader(op.query ?? EMPTY);
    app.on(op.method.toUpperCase(), honoPath, async (c) => {
      if (op.write) {
        const denial = apiWriteDenial(c.get('apiCaller'));
        if (denial === 'unauthenticated') return apiError(c, 401, 'unauthenticated', 'Writing needs a personal access token with write scope (Authorization: Bearer TOKEN). Create one at /settings/tokens.');
        if (denial === 'insufficient_scope') return apiError(c, 403, 'insufficient_scope', 'This token can only read. Create a token with write scope to post or change works.');
      }
      const params = (op.params ?? EMPTY).safeParse(c.req.param());
      if (!params.success) return apiError(c, 404, 'not_found', 'There is no such resource.');
      const query = (op.query ?? EMPTY).safeParse(readQuery(c));
      if (!query.success) return apiError(c, 400, 'invalid_request', query.error.issues[0]?.message ?? 'The query could not be read.', details(query.error.issues, 'query'));
      let body: unknown;
      if (op.body) {
        if (!(c.req.header('content-type') ?? '').startsWith('application/json')) {
          return apiError(c, 400, 'invalid_request', 'Send the body as JSON (Content-Type: application/json).');
        }
        let raw: unknown;
        try {
          raw = await c.req.json();
        } catch {
          return apiError(c, 400, 'invalid_request', 'The body is not valid JSON.');
        }
        const parsed = op.body.safeParse(raw);
        if (!parsed.success) return apiError(c, 400, 'invalid_request', 'Some fields are missing or wrong; see details.', details(parsed.error.issues, 'body'));
        body = parsed.data;
      }
      return op.handler(c, { params: params.data, query: query.data, body });
    });
  }
}

// --- the OpenAPI 3.1 document, generated from the same schemas ---

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const idOf = (schema: z.ZodType) => (z.globalRegistry.get(schema) as { id?: string } | undefined)?.id;
const schemaRef = (schema: z.ZodType, io: 'input' | 'output') => {
  const id = idOf(schema);
  if (id) return ref(id);
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
};

const ERRORS: Record<number, string> = {
  400: 'Invalid request (field details in error.details)',
  401: 'A token was given but is unknown or revoked; or writing without a token',
  403: 'The token may not do this (read scope), or the work is not yours',
  404: 'No such resource, or not visible to this caller',
  429: 'Too many requests; see Retry-After',
};

function parameters(op: AnyOperation) {
  const out: unknown[] = [];
  for (const [where, schema] of [['path', op.params], ['query', op.query]] as const) {
    if (!schema) continue;
    const json = inputSchema(schema);
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      const list = prop.type === 'array';
      out.push({
        name, in: where,
        required: where === 'path' || (!list && (json.required ?? []).includes(name)),
        ...(prop.description ? { description: prop.description } : {}),
        schema: prop,
        ...(list ? { style: 'form', explode: true } : {}),
      });
    }
  }
  return out;
}

export function openApiDocument(ops: readonly AnyOperation[], baseUrl: string) {
  const components = z.toJSONSchema(z.globalRegistry, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' }).schemas;
  const schemas = Object.fromEntries(Object.entries(components).map(([k, { $schema: _s, $id: _i, ...rest }]) => [k, rest]));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ops) {
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = r.schema
        ? { description: r.description, content: { 'application/json': { schema: schemaRef(r.schema, 'output') } } }
        : { description: r.description };
    }
    const errors = [400, 404, 429, ...(op.write ? [401, 403] : [401])];
    for (const status of errors) responses[status] ??= { description: ERRORS[status], content: { 'application/json': { schema: ref('Error') } } };
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      tags: [op.tag],
      parameters: parameters(op),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaRef(op.body, 'input') } } } } : {}),
      responses,
      security: op.write ? [{ token: ['write'] }] : [{}, { token: ['read'] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Quire API',
      version: '1',
      description: 'Read works, chapters, tags, users and search; post and edit works with a personal access token. '
        + 'Anonymous calls see what guests see; a token (or a browser session) sees what its user sees. Errors are always {"error":{"code","message","details"?}}.',
    },
    servers: [{ url: baseUrl }],
    components: {
      schemas: { ...schemas, Error: schemas.Error ?? z.toJSONSchema(ErrorBody) },
      securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'A personal access token from /settings/tokens (scope read or write)' } },
    },
    paths,
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
