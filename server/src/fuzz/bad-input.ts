// The classes of bad input the fuzz tests send (issue 12): NUL and lone surrogates in strings, integers beyond
// PostgreSQL's columns (and beyond JavaScript's exact range), JSON nested 5k–100k levels deep, wrong types,
// prototype keys (`__proto__`, `constructor`, `toString`), malformed bodies and URLs. A value is a plain JSON
// value or `Raw` JSON text (what JSON.stringify cannot write: 2⁶³ exactly, 1e400, 100k-deep nesting, an own
// `__proto__` key); `toJson` writes the body as sent.
import fc from 'fast-check'

/** JSON text inserted as it is. */
export class Raw {
  constructor(readonly json: string) {}
  /** How fast-check prints it in a counterexample (never 100k characters). */
  [fc.toStringMethod](): string {
    return this.json.length > 60 ? `raw(${this.json.length} chars: ${this.json.slice(0, 30)}…)` : `raw(${this.json})`
  }
}
export const raw = (json: string): Raw => new Raw(json)

/** `{"a":{"a":…1…}}` n levels deep (or `[[…]]` with `array`). */
export const deep = (n: number, array = false): string => (array ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n))

export const PROTO_OBJECT = raw('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"toString":"x","valueOf":1,"hasOwnProperty":null}')

/** The value as JSON text: Raw as it is, an own `__proto__` key written like any other. */
export function toJson(v: unknown, depth = 0): string {
  if (v instanceof Raw) return v.json
  if (depth > 60) return 'null' // a value that refers to itself (never one of ours: deep nesting is Raw)
  if (Array.isArray(v)) return `[${v.map((x) => toJson(x, depth + 1)).join(',')}]`
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${toJson((v as Record<string, unknown>)[k], depth + 1)}`)
      .join(',')}}`
  }
  return JSON.stringify(v) ?? 'null'
}

export type Path = (string | number)[]
export type LeafKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array'

/** Every position in a JSON value (the value itself included), with the kind of what is there. */
export function positions(v: unknown, path: Path = [], out: { path: Path; kind: LeafKind }[] = [], seen = new Set<unknown>()): { path: Path; kind: LeafKind }[] {
  const kind: LeafKind = v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as LeafKind)
  out.push({ path, kind })
  // Raw text is one value; a value met twice (shared by reference) is not entered again.
  if (v === null || typeof v !== 'object' || v instanceof Raw || seen.has(v) || path.length > 40) return out
  seen.add(v)
  if (Array.isArray(v)) v.forEach((x, i) => positions(x, [...path, i], out, seen))
  else for (const k of Object.keys(v)) positions((v as Record<string, unknown>)[k], [...path, k], out, seen)
  return out
}

const clone = (v: unknown, depth = 0): unknown =>
  v instanceof Raw || depth > 40
    ? v
    : Array.isArray(v)
      ? v.map((x) => clone(x, depth + 1))
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x, depth + 1)]))
        : v

/** A copy of `v` with `value` at `path` (`undefined` deletes the key); the root when `path` is empty. */
export function setAt(v: unknown, path: Path, value: unknown): unknown {
  if (!path.length) return value
  const root = clone(v) as Record<string | number, unknown>
  let at = root
  // Own properties only: a path through an inherited `__proto__` would edit Object.prototype.
  for (const k of path.slice(0, -1)) {
    const next = Object.hasOwn(at, k) ? at[k] : undefined
    if (next === null || typeof next !== 'object' || next instanceof Raw) return root
    at = next as Record<string | number, unknown>
  }
  const last = path[path.length - 1]
  if (value === undefined) {
    if (Array.isArray(at)) at.splice(Number(last), 1)
    else delete at[last]
  } else Object.defineProperty(at, last, { value, enumerable: true, writable: true, configurable: true })
  return root
}

/** Named bad values for a position of the given kind (the deterministic part of the fuzz). */
export function badValues(kind: LeafKind): [string, unknown][] {
  const strings: [string, unknown][] = [
    ['NUL', 'a\u0000b'],
    ['lone high surrogate', 'x\uD800'],
    ['lone low surrogate', '\uDC00y'],
    ['2^63 for a string', raw('9223372036854775808')],
    ['object for a string', {}]
  ]
  const numbers: [string, unknown][] = [
    ['2^31', 2 ** 31],
    ['2^53', raw('9007199254740993')],
    ['2^63', raw('9223372036854775808')],
    ['1e400', raw('1e400')],
    ['-2^31-1', -(2 ** 31) - 1],
    ['fraction', 1.5],
    ['NUL string for a number', '1\u0000']
  ]
  const containers: [string, unknown][] = [
    ['5k deep object', raw(deep(5000))],
    ['5k deep array', raw(deep(5000, true))],
    ['prototype keys', PROTO_OBJECT],
    ['NUL key', raw('{"a\\u0000":1}')],
    ['lone surrogate key', raw('{"\\ud800":1}')]
  ]
  if (kind === 'string') return strings
  if (kind === 'number') return numbers
  if (kind === 'object' || kind === 'array') return [...containers, [kind === 'object' ? 'array for an object' : 'object for an array', kind === 'object' ? [] : {}], ['NUL string for a container', '\u0000']]
  // null or a boolean: a string or a number where none was (an optional field, e.g. baseVersion) is the likeliest slip.
  return [['NUL string', '\u0000'], ['lone surrogate', '\uDFFF'], ['2^31', 2 ** 31], ['2^53', raw('9007199254740993')], ['2^63', raw('9223372036854775808')], ['-1', -1]]
}

/** Whole bodies that are not what any route takes (sent as `application/json`). */
export const BAD_BODIES: [string, string][] = [
  ['100k deep object', deep(100_000)],
  ['100k deep array', deep(100_000, true)],
  ['20k deep object', deep(20_000)],
  ['array body', '[]'],
  ['NUL string body', '"\\u0000"'],
  ['2^63 body', '9223372036854775808'],
  ['null body', 'null'],
  ['truncated JSON', '{"a":'],
  ['prototype keys body', PROTO_OBJECT.json],
  ['empty body', '']
]

/** Headers the service reads, with values a client can send (Latin-1 bytes: what HTTP carries). */
export const BAD_HEADERS: [string, string][] = [
  ['authorization', 'Bearer \u00ff\u00fe'],
  ['authorization', `Bearer ${'x'.repeat(5000)}`],
  ['x-casedesk-schema', '1.0'],
  ['x-portal-key', '\u00ff'],
  ['idempotency-key', '\u00ff\u00fe'],
  ['idempotency-key', 'x'.repeat(201)],
  ['content-type', 'application/json; charset=latin1'],
  ['user-agent', '\u00ff'.repeat(300)]
]

/** A path parameter or query value, already percent-encoded where it must be. */
export const BAD_PARAMS: [string, string][] = [
  ['NUL', 'a%00b'],
  ['lone surrogate (CESU bytes)', '%ED%A0%80'],
  ['broken percent-encoding', '%E0%A4%A'],
  ['2^63', '9223372036854775808'],
  ['2^31', '2147483648'],
  ['-1', '-1'],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['toString', 'toString'],
  ['long', 'x'.repeat(99)]
]

/** Percent-encodes a string as a URL part; a lone surrogate becomes its (invalid) CESU-8 bytes. */
export function pct(s: string): string {
  let out = ''
  for (const ch of String(s)) {
    const c = ch.charCodeAt(0)
    if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) out += `%${[0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)].map((b) => b.toString(16).toUpperCase()).join('%')}`
    else out += encodeURIComponent(ch)
  }
  return out
}

// ---- fast-check: random bad values and random edits of a valid body ----

const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']

export const badString = fc.oneof(
  fc.string({ unit: anyCodeUnit, maxLength: 40 }),
  fc.string({ maxLength: 20 }).map((s) => `${s}\u0000`),
  fc.constantFrom('\u0000', '\uD800', '\uDFFF', 'a\uDBFF', ...PROTO_KEYS, '', ' ', 'x'.repeat(70_000))
)
export const badNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((b) => raw(b.toString())),
  fc.constantFrom<unknown>(2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1, raw('1e400'), raw('-1e400'), raw('9223372036854775807'), 0, -1)
)
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: badString, weight: 5 },
  { arbitrary: badNumber, weight: 3 },
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 1, max: 30_000 }).map((n) => raw(deep(n))),
  fc.integer({ min: 1, max: 30_000 }).map((n) => raw(deep(n, true))),
  fc.constant<unknown>(PROTO_OBJECT),
  // Objects with prototype keys as their own properties (what JSON.parse makes of `{"__proto__":…}`).
  fc.array(fc.tuple(fc.constantFrom(...PROTO_KEYS, 'a\u0000', '\uD800'), fc.jsonValue({ maxDepth: 1 })), { minLength: 1, maxLength: 3 }).map((entries) => {
    const o: Record<string, unknown> = {}
    for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true })
    return o
  })
)

/** One random edit of a value: replace what is at a position, delete it, or add a (prototype-ish) key. */
export interface Edit {
  op: 'replace' | 'delete' | 'add'
  /** Index into the value's positions (modulo their number). */
  at: number
  key: string
  value: unknown
}
export const edit: fc.Arbitrary<Edit> = fc.record({
  op: fc.constantFrom<Edit['op']>('replace', 'replace', 'replace', 'delete', 'add'),
  at: fc.nat(),
  key: fc.oneof(fc.constantFrom(...PROTO_KEYS), badString),
  value: badValue
})

export function applyEdit(v: unknown, e: Edit): unknown {
  const all = positions(v)
  const { path, kind } = all[e.at % all.length]
  if (e.op === 'delete') return path.length ? setAt(v, path, undefined) : v
  if (e.op === 'add' && kind === 'object') return setAt(v, [...path, e.key], e.value)
  return setAt(v, path, e.value)
}
