import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { CollectionTag, Document, Node, ScalarTag } from 'yaml';
import type { Diagnostic } from '../diagnostic.js';
import type { TextLocation } from '../locateDiagnostics.js';
import { getPointerLocations } from '../locateDiagnostics.js';
import { encodePointerToken } from '../pointer.js';
import { locateJsonError } from '../validate/locateJsonError.js';

/**
 * A CloudFormation or SAM template read from text: its value in long form, and where each JSON pointer starts.
 *
 * @example
 * ```ts
 * const parsed: ParsedTemplate = { template: { Resources: {} }, locations: new Map() };
 * ```
 */
export interface ParsedTemplate {
  /** The template as plain JSON, short-form tags turned into their long form (`!Ref X` → `{"Ref": "X"}`). */
  template: unknown;
  /** 1-based line and column of every JSON pointer of the template (empty when unknown). */
  locations: Map<string, TextLocation>;
}

/**
 * The result of {@link parseTemplate}: the template, or the parse error as a diagnostic with its line and column.
 *
 * @example
 * ```ts
 * const result: ParseTemplateResult = parseTemplate('Resources: {}');
 * ```
 */
export type ParseTemplateResult = ({ ok: true } & ParsedTemplate) | { ok: false; diagnostics: Diagnostic[] };

/**
 * The short-form intrinsic function tags of CloudFormation YAML, each with the long-form key it stands for.
 *
 * @example
 * ```ts
 * CFN_SHORT_FORM_TAGS['!GetAtt']; // 'Fn::GetAtt'
 * ```
 */
export const CFN_SHORT_FORM_TAGS: Readonly<Record<string, string>> = Object.freeze({
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  ...Object.fromEntries(
    [
      'And',
      'Base64',
      'Cidr',
      'Equals',
      'FindInMap',
      'ForEach',
      'GetAZs',
      'GetAtt',
      'If',
      'ImportValue',
      'Join',
      'Length',
      'Not',
      'Or',
      'Select',
      'Split',
      'Sub',
      'ToJsonString',
      'Transform',
    ].map((name) => [`!${name}`, `Fn::${name}`]),
  ),
});

/** The tags, accepted on scalars, sequences and maps alike; the node is kept and read by `toValue`. */
const YAML_TAGS: (ScalarTag | CollectionTag)[] = Object.keys(CFN_SHORT_FORM_TAGS).flatMap((tag) => [
  { tag, resolve: (value: string) => value },
  { tag, collection: 'seq' as const, resolve: (value: unknown) => value },
  { tag, collection: 'map' as const, resolve: (value: unknown) => value },
]);

/**
 * Parse the text of a CloudFormation or SAM template, JSON or YAML (with the short-form tags `!Ref`, `!Sub`,
 * `!GetAtt`, `!Join`, `!If`, `!Select`, `!Split`, `!Base64`, `!FindInMap`, `!ImportValue`...).
 *
 * @remarks
 * Pure. Never throws: a syntax error or an unknown `!Tag` is returned as a `TEMPLATE_PARSE_ERROR` diagnostic
 * with its line and column. `!GetAtt A.B` becomes `{"Fn::GetAtt": ["A", "B"]}`, as CloudFormation reads it.
 *
 * @example
 * ```ts
 * import { parseTemplate } from '@step/asl/template';
 *
 * const result = parseTemplate('Resources:\n  Fn: { Type: AWS::Lambda::Function }\nOutputs:\n  A: { Value: !GetAtt Fn.Arn }\n');
 * if (result.ok) console.log(result.template); // { Resources: {...}, Outputs: { A: { Value: { 'Fn::GetAtt': ['Fn', 'Arn'] } } } }
 * ```
 */
export function parseTemplate(text: string): ParseTemplateResult {
  if (text.trimStart().startsWith('{')) {
    try {
      return { ok: true, template: JSON.parse(text) as unknown, locations: getPointerLocations(text) };
    } catch {
      const { message, line, column } = locateJsonError(text);
      return { ok: false, diagnostics: [parseError(`the template is not valid JSON: ${message}`, line, column)] };
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { customTags: YAML_TAGS, lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    return {
      ok: false,
      diagnostics: problems.map((p) => {
        const at = lineCounter.linePos(p.pos[0]);
        const reason =
          p.code === 'TAG_RESOLVE_FAILED'
            ? `${p.message}; CloudFormation knows ${Object.keys(CFN_SHORT_FORM_TAGS).join(' ')}`
            : p.message;
        return parseError(`the template is not valid YAML: ${reason}`, at.line, at.col);
      }),
    };
  }
  const locations = new Map<string, TextLocation>();
  const template = toValue(doc, doc.contents, '', locations, lineCounter);
  return { ok: true, template, locations };
}

function parseError(message: string, line: number, column: number): Diagnostic {
  return { code: 'TEMPLATE_PARSE_ERROR', severity: 'error', path: '', message, line, column };
}

/** The plain value of a YAML node, recording where each pointer starts; short-form tags become long form. */
function toValue(
  doc: Document,
  node: unknown,
  pointer: string,
  locations: Map<string, TextLocation>,
  lines: LineCounter,
): unknown {
  if (isAlias(node)) return toValue(doc, node.resolve(doc), pointer, locations, lines);
  const n = node as (Node & { tag?: string }) | null;
  if (n?.range && !locations.has(pointer)) {
    const { line, col } = lines.linePos(n.range[0]);
    locations.set(pointer, { line, column: col });
  }
  const longForm = n?.tag === undefined ? undefined : CFN_SHORT_FORM_TAGS[n.tag];
  // The long form adds one level: `!Join [...]` is `{"Fn::Join": [...]}`, so its items sit under /Fn::Join.
  const inner = longForm === undefined ? pointer : `${pointer}/${encodePointerToken(longForm)}`;
  let value: unknown = null;
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
      const child = `${inner}/${encodePointerToken(key)}`;
      if (isScalar(pair.key) && pair.key.range) {
        const { line, col } = lines.linePos(pair.key.range[0]);
        locations.set(child, { line, column: col });
      }
      // defineProperty: a key named "__proto__" stays an ordinary key.
      Object.defineProperty(out, key, {
        value: toValue(doc, pair.value, child, locations, lines),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    value = out;
  } else if (isSeq(node)) {
    value = node.items.map((item, i) => toValue(doc, item, `${inner}/${i}`, locations, lines));
  } else if (isScalar(node)) {
    value = node.value;
  }
  if (longForm === undefined) return value;
  if (longForm === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [longForm]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [longForm]: value };
}
