import { Layout, type PageChrome } from '../../web/layout.js';
import type { OpenApiDocument } from '../operations.js';

type Param = { name: string; in: string; required: boolean; description?: string; schema: { type?: string; enum?: string[] } };
type Op = { operationId: string; summary: string; parameters: Param[]; requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>; security: Array<Record<string, string[]>> };

const refName = (schema: unknown) => {
  const ref = (schema as { $ref?: string })?.$ref;
  return ref ? ref.replace('#/components/schemas/', '') : null;
};

function SchemaLink({ schema }: { schema: unknown }) {
  const name = refName(schema);
  if (name) return <a href={`#schema-${name}`}>{name}</a>;
  const items = (schema as { items?: unknown }).items;
  if (items && refName(items)) return <>array of <a href={`#schema-${refName(items)}`}>{refName(items)}</a></>;
  return <code>{JSON.stringify(schema)}</code>;
}

/** The OpenAPI document as a page a person can read: every operation, its parameters and shapes. No script. */
export function DocsPage({ chrome, doc }: { chrome: PageChrome; doc: OpenApiDocument }) {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Op })));
  return (
    <Layout title="API" {...chrome}>
      <h1>{doc.info.title} (version {doc.info.version})</h1>
      <p>{doc.info.description}</p>
      <p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Tokens: <a href="/settings/tokens">your API tokens</a>.
        Lists are paged with <code>next_cursor</code>; every GET has an <code>ETag</code> (send <code>If-None-Match</code> for a 304);
        too many requests get a 429 with <code>Retry-After</code>.</p>
      <nav aria-label="Operations"><ul>{ops.map(({ path, method, op }) => <li><a href={`#${op.operationId}`}><code>{method.toUpperCase()} {path}</code></a>: {op.summary}</li>)}</ul></nav>
      {ops.map(({ path, method, op }) => (
        <section class="api-op" id={op.operationId}>
          <h2><code>{method.toUpperCase()} {path}</code></h2>
          <p>{op.summary}</p>
          <p>{op.security.some((s) => s.token?.includes('write')) ? 'Needs a token with write scope.' : 'Anyone; a token or session shows what its user may see.'}</p>
          {op.parameters.length ? (
            <table>
              <caption>Parameters</caption>
              <thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">required</th><th scope="col">schema</th><th scope="col">about</th></tr></thead>
              <tbody>{op.parameters.map((p) => (
                <tr><td><code>{p.name}</code></td><td>{p.in}</td><td>{p.required ? 'yes' : 'no'}</td><td><code>{JSON.stringify(p.schema)}</code></td><td>{p.description ?? ''}</td></tr>
              ))}</tbody>
            </table>
          ) : null}
          {op.requestBody ? <p>Body (JSON): <SchemaLink schema={op.requestBody.content['application/json']?.schema} /></p> : null}
          <dl>{Object.entries(op.responses).map(([status, r]) => (
            <><dt>{status}</dt><dd>{r.description}{r.content ? <>: <SchemaLink schema={r.content['application/json']?.schema} /></> : null}</dd></>
          ))}</dl>
        </section>
      ))}
      <h2>Schemas</h2>
      {Object.entries(doc.components.schemas).map(([name, schema]) => (
        <section id={`schema-${name}`}><h3>{name}</h3><pre>{JSON.stringify(schema, null, 2)}</pre></section>
      ))}
    </Layout>
  );
}
