/**
 * A small JSON Schema (2020-12 subset) checker for the contract tests: the keywords zod's
 * z.toJSONSchema emits for the API's shapes. Returns where a value breaks its schema.
 */
type Schema = Record<string, any>;

export function checkSchema(value: unknown, schema: Schema, root: Schema, at = '$'): string[] {
  if (schema.$ref) {
    const name = String(schema.$ref).replace('#/components/schemas/', '');
    const target = root.components?.schemas?.[name];
    if (!target) return [`${at}: unknown $ref ${schema.$ref}`];
    return checkSchema(value, target, root, at);
  }
  const errors: string[] = [];
  if (schema.anyOf || schema.oneOf) {
    const options: Schema[] = schema.anyOf ?? schema.oneOf;
    const passing = options.filter((s) => checkSchema(value, s, root, at).length === 0).length;
    if (schema.oneOf ? passing !== 1 : passing === 0) errors.push(`${at}: matches ${passing} of the ${schema.oneOf ? 'oneOf' : 'anyOf'} options`);
  }
  if (schema.allOf) for (const s of schema.allOf) errors.push(...checkSchema(value, s, root, at));
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if ('const' in schema && schema.const !== value) errors.push(`${at}: is not ${JSON.stringify(schema.const)}`);
  if (schema.type) {
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    const ok = types.some((t) => t === actual || (t === 'integer' && Number.isInteger(value)) || (t === 'number' && actual === 'number'));
    if (!ok) return [...errors, `${at}: expected ${types.join('|')}, got ${actual}`];
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${at}: longer than ${schema.maxLength}`);
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${at}: does not match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: above ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => errors.push(...checkSchema(v, schema.items, root, `${at}[${i}]`)));
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const k of schema.required ?? []) if (!(k in obj)) errors.push(`${at}.${k}: missing`);
    for (const [k, v] of Object.entries(obj)) {
      const prop = schema.properties?.[k];
      if (prop) errors.push(...checkSchema(v, prop, root, `${at}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${at}.${k}: not allowed`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...checkSchema(v, schema.additionalProperties, root, `${at}.${k}`));
    }
  }
  return errors;
}
