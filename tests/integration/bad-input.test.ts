// Bad input on every route that takes input (issues 4, 5 and 9), generated from the app's own
// route table and each route's declared schemas, so a new route is covered without being listed:
// wrong types, missing fields, unknown fields, oversized strings and arrays, out-of-range numbers,
// malformed ids and unknown reference codes all answer 400 with the error shape of DESIGN.md,
// naming the field, and leave the database as it was. Callers are signed in with every role, so a
// 401 or 403 never hides the validation.
import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { Value } from 'typebox/value';
import type { TSchema } from 'typebox';
import type { RouteEntry } from '../../server/plugins/route-table.ts';
import { OPTIONAL_NOTIFICATION_KINDS } from '../../jobs/notification-preferences.ts';
import { createTestApp } from '../support/runtime.ts';
import { makeMigrant } from '../support/factories.ts';
import { inHours, makeEvent, makeOrganisation } from './events/support.ts';

// One app and one database for the whole file; the route table exists only once the app is built.
const t = await createTestApp({ startWorkers: false });
afterAll(async () => {
  await t?.close();
});
const db = t.runtime.database.db;
const caller = await makeMigrant(db, { roles: ['mentor', 'organiser', 'admin', 'adviser', 'leader'], displayName: 'Every Role' });
const organisation = await makeOrganisation(db, caller);
const event = await makeEvent(t, caller, organisation.id, { publish: false });

type Json = unknown;
type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
};
type Path = (string | number)[];
type Part = 'body' | 'querystring' | 'params';

// ---- what the test knows about the domain: sample values, and where reference codes live ----

/** Reference-code fields by name: a real code (for valid samples) and what the API calls them. */
const CODE_FIELDS: Record<string, string> = {
  industry: 'fintech',
  industries: 'fintech',
  expertise: 'fintech',
  district: 'wan-chai',
  districtCode: 'wan-chai',
  districts: 'wan-chai',
  goals: 'job-search',
  topics: 'job-search',
  topic: 'employment',
  urgency: 'urgent',
  category: 'networking',
  language: 'en',
  languages: 'en',
  roles: 'migrant',
  kind: OPTIONAL_NOTIFICATION_KINDS[0],
};

/** The reference-code field a path ends in (a language skill's `code` is a language), if any. */
function codeField(path: Path): string | undefined {
  const keys = path.map(String).filter((key) => !/^\d+$/.test(key));
  const leaf = keys.at(-1);
  if (leaf === 'code' && keys.at(-2) === 'languages') return 'languages';
  return leaf !== undefined && leaf in CODE_FIELDS ? leaf : undefined;
}

/** Enum choices other than the first, where the first needs more fields (a phone or email channel needs a value). */
const ENUM_SAMPLES: Record<string, string> = { channel: 'in-app' };

/** Values that match each declared pattern (a new pattern needs a line here). */
const PATTERN_SAMPLES: Record<string, (schema: Schema) => string> = {
  '^/': () => '/events',
  '^[+0-9 ()-]*$': () => '+852 5555 0000',
  '^([01][0-9]|2[0-3]):[0-5][0-9]$': () => '09:00',
  '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$': () => '17:00',
  '^[A-Za-z0-9_-]+$': (schema) => 'a'.repeat(Math.max(Number(schema.minLength ?? 1), 1)),
  '^\\d{4}-\\d{2}-\\d{2}$': () => '2026-01-05',
  '^[a-z0-9]+(-[a-z0-9]+)*$': () => 'your-rest-day',
};

const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
const DOCTORED_CURSORS: [string, string][] = [
  ['not base64 JSON', 'not-a-cursor'],
  ['not a list', cursorOf({ offset: 1 } as unknown as unknown[])],
  ['a negative offset', cursorOf([-5])],
  ['a fractional offset', cursorOf([1.5])],
  ['a huge offset', cursorOf([1e300])],
  ['words where a time and an id go', cursorOf(['yesterday', 'someone'])],
  ['a number where text goes', cursorOf([1, 2])],
];

/** Formats that bound a string's length by themselves. */
const BOUNDED_FORMATS = new Set(['uuid', 'date']);

/** Whether a handler's source reads request.body, request.query or request.params. */
const handlerReads = (route: RouteEntry, part: 'body' | 'query' | 'params') => new RegExp(`request\\.${part}\\b`).test(String(route.handler));

/**
 * Inputs that take unknown fields on purpose, with the reason: links in emails (mail scanners and
 * link rewriters may add tracking parameters; a person clicking must not meet a 400), and the
 * RFC 8058 one-click body, which mail providers POST in whatever form encoding.
 */
const LENIENT: Record<string, string> = {
  'GET /api/auth/verify querystring': 'the sign-in link in the email',
  'GET /api/notifications/unsubscribe querystring': 'the unsubscribe link in the email footer',
  'POST /api/notifications/unsubscribe querystring': 'the List-Unsubscribe link in the email header',
  'POST /api/notifications/unsubscribe body': 'RFC 8058 one-click: the signed token decides, the form body is ignored',
};
const isLenient = (route: RouteEntry, part: Part) => `${route.method} ${route.url} ${part}` in LENIENT;

// ---- schema walking ----

const typesOf = (schema: Schema): string[] => (schema.type === undefined ? [] : [schema.type].flat());
const isNullOnly = (schema: Schema) => typesOf(schema).length === 1 && typesOf(schema)[0] === 'null';

/** `X | null` as X; anything else as it is. */
function unwrapNullable(schema: Schema): Schema {
  if (schema.anyOf) {
    const rest = schema.anyOf.filter((branch) => !isNullOnly(branch));
    if (rest.length === 1) return unwrapNullable(rest[0]!);
  }
  return schema;
}

function mainType(schema: Schema): string | undefined {
  if (schema.enum || 'const' in schema) return 'enum';
  return typesOf(schema).find((type) => type !== 'null');
}

interface Node {
  path: Path;
  schema: Schema;
}

/** Every schema node under `schema` that a value can reach, with its path (array items at index 0). */
function nodesOf(schema: Schema, path: Path = []): Node[] {
  const node = unwrapNullable(schema);
  const nodes: Node[] = [{ path, schema: node }];
  if (node.anyOf) node.anyOf.forEach((branch) => nodes.push(...nodesOf(branch, path).slice(path.length === 0 ? 0 : 1)));
  for (const [key, property] of Object.entries(node.properties ?? {})) nodes.push(...nodesOf(property, [...path, key]));
  if (node.items) nodes.push(...nodesOf(node.items, [...path, 0]));
  return nodes;
}

function fieldName(path: Path): string {
  return path.join('.');
}

// ---- valid samples ----

function sampleString(schema: Schema, path: Path): string {
  const code = codeField(path);
  if (code) return CODE_FIELDS[code]!;
  const key = String(path.filter((part) => typeof part === 'string').at(-1) ?? '');
  if (schema.format === 'uuid') return key === 'organisationId' ? organisation.id : crypto.randomUUID();
  if (schema.format === 'date-time') return /ends?At$|^to$/.test(key) ? inHours(74) : inHours(72);
  if (schema.format === 'date') return '2026-01-05';
  if (schema.format === 'email') return `someone-${crypto.randomBytes(3).toString('hex')}@example.org`;
  if (typeof schema.pattern === 'string') {
    const sample = PATTERN_SAMPLES[schema.pattern];
    if (!sample) throw new Error(`${fieldName(path)}: add a sample for the pattern ${schema.pattern} to PATTERN_SAMPLES`);
    return sample(schema);
  }
  const min = Number(schema.minLength ?? 0);
  const max = Number(schema.maxLength ?? 1000);
  return 'Sample words for a test'.padEnd(min, ' and more').slice(0, max);
}

/** A value the schema accepts, with real reference codes in code fields. */
function sampleOf(raw: Schema, path: Path = []): Json {
  const schema = unwrapNullable(raw);
  if ('const' in schema) return schema.const;
  if (schema.enum) {
    const preferred = ENUM_SAMPLES[String(path.at(-1))];
    return preferred !== undefined && schema.enum.includes(preferred) ? preferred : schema.enum[0];
  }
  if (schema.anyOf) return sampleOf(schema.anyOf[0]!, path);
  switch (mainType(schema)) {
    case 'object': {
      const value: Record<string, Json> = {};
      const required = new Set(schema.required ?? []);
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (required.has(key)) value[key] = sampleOf(property, [...path, key]);
      }
      // minProperties (a PATCH with nothing to change is refused): add optional fields until it is met.
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (Object.keys(value).length >= Number(schema.minProperties ?? 0)) break;
        if (!(key in value)) value[key] = sampleOf(property, [...path, key]);
      }
      return value;
    }
    case 'array': {
      const count = Number(schema.minItems ?? 0);
      return Array.from({ length: count }, () => sampleOf(schema.items ?? {}, [...path, 0]));
    }
    case 'string':
      return sampleString(schema, path);
    case 'integer':
    case 'number':
      return Math.max(Number(schema.minimum ?? 1), Math.min(1, Number(schema.maximum ?? 1)));
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return 'sample';
  }
}

const clone = <T>(value: T): T => structuredClone(value);

/** `root` with the value at `path` replaced (missing parents made from their samples), or removed. */
function withValue(root: Schema, base: Json, path: Path, change: { set: Json } | { remove: true }): Json {
  const copy = clone(base) as Record<string | number, Json>;
  let holder: Record<string | number, Json> = copy;
  let schema = unwrapNullable(root);
  for (let index = 0; index < path.length - 1; index++) {
    const key = path[index]!;
    const childSchema = unwrapNullable(typeof key === 'number' ? schema.items! : schema.properties![key]!);
    if (holder[key] === undefined || holder[key] === null) {
      holder[key] = mainType(childSchema) === 'array' ? [] : (sampleOf(childSchema, path.slice(0, index + 1)) as Json);
    }
    holder = holder[key] as Record<string | number, Json>;
    schema = childSchema;
  }
  const leaf = path.at(-1)!;
  if ('remove' in change) delete holder[leaf];
  else holder[leaf] = change.set;
  return copy;
}

// ---- cases ----

interface Case {
  what: string;
  part: Part;
  request: InjectOptions;
  /** The field the answer must name (dotted path), when the refusal is about one field. */
  field?: string;
  /**
   * Refused past the schema, so only the message is checked: 'code' (a service refusing an unknown
   * reference code) names the code field; 'leaf' (a hook or a service) names the field itself.
   */
  naming?: 'code' | 'leaf';
}

function schemaOf(route: RouteEntry, part: Part): Schema | undefined {
  return (route.schema as Record<string, Schema | undefined> | undefined)?.[part];
}

const paramNames = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]!);

function sampleParams(route: RouteEntry): Record<string, string> {
  const schema = schemaOf(route, 'params');
  const params: Record<string, string> = {};
  for (const name of paramNames(route.url)) {
    const property = schema?.properties?.[name];
    // Event routes get the caller's own event, so service checks (codes) are reached past membership.
    if (name === 'id' && route.url.startsWith('/api/events/:id')) params[name] = event.id;
    else params[name] = property ? String(sampleOf(property, [name])) : 'x';
  }
  return params;
}

function urlOf(route: RouteEntry, params: Record<string, string>): string {
  return route.url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(params[name]!));
}

function toQuery(value: Record<string, Json>): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, Array.isArray(item) ? item.map(String) : String(item)]),
  );
}

function request(route: RouteEntry, parts: { params?: Record<string, string>; query?: Record<string, Json>; body?: Json; rawBody?: string }): InjectOptions {
  const options: InjectOptions = {
    method: route.method as InjectOptions['method'],
    url: urlOf(route, parts.params ?? sampleParams(route)),
    headers: { cookie: caller.cookie },
  };
  const query = parts.query ?? (schemaOf(route, 'querystring') ? (sampleOf(schemaOf(route, 'querystring')!) as Record<string, Json>) : undefined);
  if (query && Object.keys(query).length > 0) options.query = toQuery(query);
  if (parts.rawBody !== undefined) {
    options.payload = parts.rawBody;
    options.headers = { ...options.headers, 'content-type': 'application/json' };
  } else if (parts.body !== undefined) {
    options.payload = JSON.stringify(parts.body);
    options.headers = { ...options.headers, 'content-type': 'application/json' };
  } else if (schemaOf(route, 'body')) {
    options.payload = JSON.stringify(sampleOf(schemaOf(route, 'body')!));
    options.headers = { ...options.headers, 'content-type': 'application/json' };
  }
  return options;
}

/** A value of the wrong type for the node that no coercion turns into a right one. */
function wrongTypeFor(schema: Schema): Json {
  switch (mainType(schema)) {
    case 'string':
    case 'enum':
      return { nested: 'object' };
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'maybe';
    case 'array':
      return { not: 'a list' };
    case 'object':
      return 'not an object';
    default:
      return undefined;
  }
}

/** One-field defects of a node, each with a value the schema refuses. */
function defectsOf(node: Node): { what: string; value: Json }[] {
  const { schema } = node;
  const defects: { what: string; value: Json }[] = [];
  const wrong = wrongTypeFor(schema);
  if (wrong !== undefined) defects.push({ what: `a ${Array.isArray(wrong) ? 'list' : typeof wrong} instead of ${mainType(schema)}`, value: wrong });
  if (mainType(schema) === 'enum') defects.push({ what: 'a value not in the list', value: 'not-a-known-value' });
  if (typeof schema.maxLength === 'number') defects.push({ what: `longer than ${schema.maxLength}`, value: 'x'.repeat(schema.maxLength + 1) });
  if (typeof schema.minLength === 'number' && schema.minLength > 0) defects.push({ what: 'empty', value: '' });
  if (schema.format === 'uuid') defects.push({ what: 'not a uuid', value: 'not-a-uuid' });
  if (schema.format === 'date-time' || schema.format === 'date') defects.push({ what: 'not a date', value: 'next tuesday' });
  if (typeof schema.pattern === 'string') defects.push({ what: 'not matching its pattern', value: '~'.repeat(Math.max(Number(schema.minLength ?? 1), 1)) });
  if (typeof schema.minimum === 'number') defects.push({ what: `below ${schema.minimum}`, value: schema.minimum - 1 });
  if (typeof schema.maximum === 'number') defects.push({ what: `above ${schema.maximum}`, value: schema.maximum + 1 });
  if (mainType(schema) === 'integer') defects.push({ what: 'a fraction', value: 1.5 });
  if (typeof schema.maxItems === 'number') {
    defects.push({ what: `more than ${schema.maxItems} items`, value: Array.from({ length: schema.maxItems + 1 }, () => sampleOf(schema.items ?? {}, [...node.path, 0])) });
  }
  if (typeof schema.minItems === 'number' && schema.minItems > 0) defects.push({ what: 'an empty list', value: [] });
  return defects;
}

/**
 * Wrong types a lenient validator would quietly convert ("3" for 3, 123 for "123", one item for a
 * list). A query string is text, so these are fine there; in a JSON body they are the caller's
 * mistake and must be refused, not guessed at.
 */
function bodyOnlyDefectsOf(node: Node): { what: string; value: Json }[] {
  const { schema } = node;
  const sample = sampleOf(schema, node.path);
  switch (mainType(schema)) {
    case 'integer':
    case 'number':
      return [{ what: 'a number written as text', value: String(sample) }];
    case 'boolean':
      return [{ what: 'a boolean written as text', value: String(sample) }];
    case 'string':
      return [{ what: 'a number instead of text', value: 12345 }];
    case 'array': {
      const item = sampleOf(schema.items ?? {}, [...node.path, 0]);
      return item === null || typeof item !== 'object' ? [{ what: 'one item instead of a list', value: item }] : [];
    }
    default:
      return [];
  }
}

const isRefused = (schema: Schema, value: Json) => !Value.Check(schema as unknown as TSchema, value);

/** The body or query cases of a route: generated from its schema, each checked to be a real defect. */
function objectCases(route: RouteEntry, part: 'body' | 'querystring'): Case[] {
  const root = schemaOf(route, part)!;
  const variants = root.anyOf ?? [root];
  const union = variants.length > 1;
  const cases: Case[] = [];
  const asRequest = (value: Json) => request(route, part === 'body' ? { body: value } : { query: value as Record<string, Json> });
  const add = (what: string, value: Json, path?: Path, naming?: Case['naming']) => {
    if (!naming && !isRefused(root, value)) throw new Error(`${route.method} ${route.url}: ${part} ${what} is not refused by its own schema`);
    cases.push({ what: `${part} ${what}`, part, request: asRequest(value), field: path && !union ? fieldName(path) : undefined, naming });
  };

  variants.forEach((variant) => {
    const base = sampleOf(variant);
    if (!Value.Check(root as unknown as TSchema, base)) {
      throw new Error(`${route.method} ${route.url}: the generated sample ${part} ${JSON.stringify(base)} is not valid; teach sampleOf about it`);
    }
    const closed = !isLenient(route, part);
    for (const node of nodesOf(variant)) {
      const { path, schema } = node;
      if (mainType(schema) === 'object' && closed) {
        add(`${fieldName(path) || '(root)'} with an unknown field`, withValue(variant, base, [...path, 'unexpectedField'], { set: 'surprise' }), [...path, 'unexpectedField']);
      }
      if (path.length === 0) continue;
      if (part === 'querystring' && path.length > 1 && mainType(schema) === 'object') continue;
      const parent = nodesOf(variant).find((candidate) => fieldName(candidate.path) === fieldName(path.slice(0, -1)))?.schema;
      // A required field with a default is filled in when missing (useDefaults): leaving it out is fine.
      if (typeof path.at(-1) === 'string' && parent?.required?.includes(path.at(-1) as string) && !('default' in schema)) {
        add(`${fieldName(path)} missing`, withValue(variant, base, path, { remove: true }), path);
      }
      for (const defect of [...defectsOf(node), ...(part === 'body' ? bodyOnlyDefectsOf(node) : [])]) {
        // A query string carries text: objects and lists-of-objects are not expressible there.
        if (part === 'querystring' && typeof defect.value === 'object' && defect.value !== null && !Array.isArray(defect.value)) continue;
        if (part === 'querystring' && Array.isArray(defect.value)) continue;
        const value = withValue(variant, base, path, { set: defect.value });
        if (!isRefused(root, value)) continue; // e.g. a union that also takes this type
        add(`${fieldName(path)} ${defect.what}`, value, path);
      }
      // Text with a NUL character cannot be stored (Postgres refuses it): a 400, never a 500.
      if (mainType(schema) === 'string' && !schema.format && typeof schema.pattern !== 'string' && Number(schema.maxLength ?? 10) >= 3) {
        add(`${fieldName(path)} with a NUL character`, withValue(variant, base, path, { set: 'a\u0000b' }), path, 'leaf');
      }
      // A doctored page cursor (they are opaque, but anyone can edit a URL).
      if (part === 'querystring' && fieldName(path) === 'cursor') {
        for (const [what, cursor] of DOCTORED_CURSORS) add(`cursor ${what}`, withValue(variant, base, path, { set: cursor }), path, 'leaf');
      }
      // Free-text fields that hold reference codes: an unknown code is refused by the service, naming the field.
      const code = codeField(path);
      if (code && mainType(schema) === 'string') {
        add(`${fieldName(path)} an unknown ${code} code`, withValue(variant, base, path, { set: 'not-a-real-code' }), path, 'code');
      }
    }
  });

  if (part === 'body') {
    cases.push(
      { what: 'body not JSON', part, request: request(route, { rawBody: '{"oops": ' }) },
      ...(isLenient(route, 'body')
        ? []
        : [
            { what: 'body a list', part, request: request(route, { body: [] }) },
            { what: 'body a string', part, request: request(route, { body: 'text' }) },
            { what: 'body a number', part, request: request(route, { body: 42 }) },
          ]),
    );
  }
  return cases;
}

function paramCases(route: RouteEntry): Case[] {
  const schema = schemaOf(route, 'params');
  if (!schema?.properties) return [];
  const cases: Case[] = [];
  for (const [name, property] of Object.entries(schema.properties)) {
    for (const defect of defectsOf({ path: [name], schema: unwrapNullable(property) })) {
      if (typeof defect.value !== 'string' || defect.value === '') continue; // a path segment is text, and never empty
      if (!isRefused(schema, { ...sampleParams(route), [name]: defect.value })) continue;
      cases.push({ what: `params.${name} ${defect.what}`, part: 'params', request: request(route, { params: { ...sampleParams(route), [name]: defect.value } }), field: name });
    }
  }
  for (const [name, property] of Object.entries(schema.properties)) {
    const text = unwrapNullable(property);
    if (mainType(text) !== 'string' || text.format || typeof text.pattern === 'string') continue;
    const params = { ...sampleParams(route), [name]: 'a\u0000b' };
    cases.push({ what: `params.${name} with a NUL character`, part: 'params', request: request(route, { params }), field: name, naming: 'leaf' });
  }
  // A broken percent-encoding never reaches the schema: the router refuses it, in the same error shape.
  const broken = request(route, {});
  broken.url = route.url.replace(/:([A-Za-z0-9_]+)/, '%E0%A4%A').replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(sampleParams(route)[name]!));
  cases.push({ what: 'a path with a broken percent-encoding', part: 'params', request: broken });
  return cases;
}

function casesOf(route: RouteEntry): Case[] {
  return [
    ...paramCases(route),
    ...(schemaOf(route, 'querystring') ? objectCases(route, 'querystring') : []),
    ...(schemaOf(route, 'body') ? objectCases(route, 'body') : []),
  ];
}

// ---- the route table ----

const apiRoutes = t.app.routeTable.filter(
  (route) => route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && route.method !== 'HEAD' && route.method !== 'OPTIONS',
);
const inputRoutes = apiRoutes.filter((route) => ['body', 'querystring', 'params'].some((part) => schemaOf(route, part as Part)));

/** Schema rules for input: strings bounded, lists bounded, objects closed. */
function schemaProblems(route: RouteEntry): string[] {
  const problems: string[] = [];
  for (const part of ['body', 'querystring', 'params'] as const) {
    const root = schemaOf(route, part);
    if (!root) continue;
    const lenient = isLenient(route, part);
    for (const { path, schema } of nodesOf(root)) {
      const where = `${part}${path.length ? `.${fieldName(path)}` : ''}`;
      const type = mainType(schema);
      if (type === 'string' && typeof schema.maxLength !== 'number' && !BOUNDED_FORMATS.has(String(schema.format))) {
        problems.push(`${where}: a string with no maxLength`);
      }
      if (type === 'array' && part === 'body' && typeof schema.maxItems !== 'number') problems.push(`${where}: a list with no maxItems`);
      if (type === 'object' && part !== 'params' && !lenient && schema.additionalProperties !== false) {
        problems.push(`${where}: an object that takes unknown fields (additionalProperties: false)`);
      }
    }
  }
  return problems;
}

// ---- the database, before and after ----

const tables = (
  (await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)) as unknown as {
    table_name: string;
  }[]
).map((row) => row.table_name);

async function snapshot(): Promise<Record<string, string>> {
  const query = tables
    .map((table) => `select '${table}' as name, count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as sum from "${table}" x`)
    .join(' union all ');
  const rows = (await db.execute(sql.raw(query))) as unknown as { name: string; sum: string }[];
  return Object.fromEntries(rows.map((row) => [row.name, row.sum]));
}

function problemsWithAnswer(answer: { statusCode: number; body: string }, kase: Case): string[] {
  let json: { error?: { code?: unknown; message?: unknown; details?: unknown } };
  try {
    json = JSON.parse(answer.body);
  } catch {
    return [`answered ${answer.statusCode} with a body that is not JSON: ${answer.body.slice(0, 200)}`];
  }
  const problems: string[] = [];
  if (answer.statusCode !== 400) problems.push(`answered ${answer.statusCode}, not 400: ${answer.body.slice(0, 300)}`);
  const error = json.error;
  if (!error || typeof error.code !== 'string' || !/^[A-Z][A-Z_]+$/.test(error.code)) problems.push(`no error.code in ${answer.body.slice(0, 200)}`);
  const message = typeof error?.message === 'string' ? error.message : '';
  if (!/^\S.*\s.*[.!?]$/s.test(message)) problems.push(`error.message is not a sentence: ${JSON.stringify(error?.message)}`);
  if (kase.field && answer.statusCode === 400) {
    if (kase.naming) {
      const keys = kase.field.split('.').filter((key) => !/^\d+$/.test(key));
      const named = kase.naming === 'code' ? codeField(kase.field.split('.'))! : keys.at(-1)!;
      if (!message.includes(named)) problems.push(`the message does not name ${named}: ${message}`);
    } else {
      const issue = (error?.details as { issues?: { in?: string; field?: string }[] } | undefined)?.issues?.[0];
      if (issue?.field !== kase.field || issue?.in !== kase.part) {
        problems.push(`details.issues[0] names ${issue?.in}.${issue?.field}, not ${kase.part}.${kase.field}`);
      }
      if (!message.includes(kase.field)) problems.push(`the message does not name ${kase.field}: ${message}`);
    }
  }
  return problems;
}

describe('the route table', () => {
  it('holds the routes of every area that takes input', () => {
    const urls = new Set(inputRoutes.map((route) => `${route.method} ${route.url}`));
    for (const route of [
      'PUT /api/me/migrant-profile',
      'PUT /api/me/mentor-profile',
      'POST /api/mentorships',
      'POST /api/reports',
      'POST /api/blocks',
      'POST /api/events',
      'PATCH /api/events/:id',
      'POST /api/events/:id/invitations',
      'POST /api/events/:id/check-ins',
      'POST /api/organisations',
      'POST /api/help-requests',
      'POST /api/help/track/:token',
      'PUT /api/me/help-profile',
    ]) {
      expect(urls, route).toContain(route);
    }
  });

  it('declares a schema for every body, query string and path a handler reads', () => {
    const undeclared = apiRoutes.flatMap((route) =>
      (
        [
          ['body', 'body'],
          ['query', 'querystring'],
          ['params', 'params'],
        ] as const
      )
        .filter(([reads, part]) => handlerReads(route, reads) && !schemaOf(route, part))
        .map(([, part]) => `${route.method} ${route.url}: reads request.${part} with no ${part} schema`),
    );
    expect(undeclared).toEqual([]);
    // The detector itself works: most routes that take input read it in the handler.
    expect(apiRoutes.filter((route) => handlerReads(route, 'body')).length).toBeGreaterThan(30);
  });

  it('generates the reference-code cases the issues name (industry, language, district, goal, topic, category, urgency)', () => {
    const whats = (key: string) => casesOf(inputRoutes.find((route) => `${route.method} ${route.url}` === key)!).map((kase) => kase.what);
    expect(whats('PUT /api/me/migrant-profile')).toEqual(
      expect.arrayContaining([
        'body industry an unknown industry code',
        'body languages.0.code an unknown languages code',
        'body district an unknown district code',
        'body goals.0 an unknown goals code',
      ]),
    );
    expect(whats('PUT /api/me/mentor-profile')).toEqual(
      expect.arrayContaining(['body expertise.0 an unknown expertise code', 'body topics.0 an unknown topics code']),
    );
    expect(whats('POST /api/events')).toEqual(
      expect.arrayContaining(['body industries.0 an unknown industries code', 'body districtCode an unknown districtCode code', 'body category a value not in the list']),
    );
    expect(whats('GET /api/events')).toEqual(expect.arrayContaining(['querystring category.0 an unknown category code']));
    expect(whats('POST /api/help-requests')).toEqual(
      expect.arrayContaining(['body topic a value not in the list', 'body urgency a value not in the list', 'body languages.0 an unknown languages code']),
    );
  });

  it('bounds every string and list and refuses unknown fields, in every input schema', () => {
    const problems = inputRoutes.flatMap((route) => schemaProblems(route).map((problem) => `${route.method} ${route.url} ${problem}`));
    expect(problems).toEqual([]);
  });
});

describe('bad input answers 400, names the field and changes nothing', () => {
  let before: Record<string, string>;
  let total = 0;

  it('takes a snapshot of every table first', async () => {
    before = await snapshot();
    expect(Object.keys(before).length).toBeGreaterThan(10);
  });

  for (const route of inputRoutes) {
    it(`${route.method} ${route.url}`, async () => {
      const cases = casesOf(route);
      const failures: string[] = [];
      for (const kase of cases) {
        const answer = await t.app.inject(kase.request);
        for (const problem of problemsWithAnswer(answer, kase)) failures.push(`${kase.what}: ${problem}`);
      }
      total += cases.length;
      expect(failures).toEqual([]);
    });
  }

  it('left every table as it was', async () => {
    expect(total).toBeGreaterThan(500);
    expect(await snapshot()).toEqual(before);
  });
});
