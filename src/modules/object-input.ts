/**
 * Map-of-object inputs (`associations`, `oidc_providers`) without silent acceptance. An `object({...})`
 * type constraint makes Terraform drop the attributes it does not declare, so a per-association `tags` or
 * an `audience` in an `oidc_providers` entry would plan as if it were not there. These inputs are `any`
 * instead (as `addons` is), and validation blocks check the shape: a map of objects, only the declared
 * attributes (an unknown one is an error naming it and the known ones), each of its type.
 *
 * The module reads the entries through `entriesHcl`, which gives every declared attribute (null when not
 * given) and keeps the values as given: a value known only after apply keeps its known parts (the fixed
 * start of a template), so the checks on it still run at plan. The unknown-attribute check reads only
 * the entries' keys, which Terraform knows even when their values are not known until apply.
 */
import { type Validation, invalidMessage, literalText } from './validation';

export interface ObjectAttribute {
  readonly name: string;
  readonly kind: 'string' | 'bool' | 'list' | 'map';
}

export interface ObjectInput {
  /** The variable's name. */
  readonly variable: string;
  /** The declared attributes, in the order the messages list them. */
  readonly attributes: readonly ObjectAttribute[];
  /** Attributes users try that another input provides: attribute → where to put it instead. */
  readonly elsewhere?: Readonly<Record<string, string>>;
}

/** The type constraint: `any`, so that undeclared attributes reach the validations. */
export const OBJECT_INPUT_TYPE = 'any';

/**
 * HCL: the entries of `var.<variable>` (a map of objects), each with every declared attribute; `orNull`:
 * no entries when the input is null.
 */
export function entriesHcl(input: ObjectInput, orNull = false): string {
  const v = `var.${input.variable}`;
  const defaults = input.attributes.map((a) => `${a.name} = null`).join(', ');
  // Over the keys, not a conditional between the value and {}: Terraform would try to convert both to
  // one map type, which entries of different shapes (lists of different lengths) do not have.
  const keys = orNull ? `${v} == null ? [] : keys(${v})` : `keys(${v})`;
  return `{ for key in ${keys} : key => merge({ ${defaults} }, ${v}[key]) }`;
}

const KIND_ALLOWED: Record<ObjectAttribute['kind'], string> = {
  string: 'a string',
  bool: 'true or false',
  list: 'a list of strings',
  map: 'a map of strings',
};

function kindOk(kind: ObjectAttribute['kind'], value: string): string {
  if (kind === 'string') return `can(tostring(${value}))`;
  if (kind === 'bool') return `can(tobool(${value}))`;
  if (kind === 'map') return `can({ for k, v in tomap(${value}) : k => tostring(v) })`;
  return `can([for item in tolist(${value}) : tostring(item)])`;
}

/**
 * The shape checks, first in the variable's validations. `skip` is an HCL guard under which the input is
 * not checked (e.g. `!var.create`, or null for an input that may be null).
 */
export function objectInputValidations(input: ObjectInput, skip?: string): Validation[] {
  const v = `var.${input.variable}`;
  const names = input.attributes.map((a) => a.name);
  const known = JSON.stringify(names);
  const guard = (condition: string) => (skip ? `${skip} ? true : (${condition})` : condition);
  const elsewhere = Object.entries(input.elsewhere ?? {});
  // "(<attribute>: <where>)" for an attribute another input provides, as a template part.
  const hint = elsewhere.length
    ? `\${lookup(${JSON.stringify(Object.fromEntries(elsewhere.map(([k, w]) => [k, ` (${literalText(w)})`])))}, o.name, "")}`
    : '';
  const unknownAttributes = `flatten([for key, entry in ${v} : [for name in keys(entry) : { key = key, name = name } if !contains(${known}, name)]])`;
  const typed = input.attributes.map(
    (a) =>
      `[for key, entry in ${v} : { label = "${input.variable}[\${jsonencode(key)}].${a.name}", value = entry.${a.name}, allowed = ${JSON.stringify(KIND_ALLOWED[a.kind])} } if lookup(entry, ${JSON.stringify(a.name)}, null) != null && !${kindOk(a.kind, `entry.${a.name}`)}]`,
  );
  const badTypes = `flatten([\n${typed.join(',\n')}\n])`;
  return [
    {
      // A value known only after apply makes can() unknown: Terraform then checks this at apply.
      condition: guard(`can(keys(${v})) ? alltrue([for entry in values(${v}) : can(keys(entry))]) : false`),
      errorMessage: invalidMessage(
        `${input.variable} \${try(jsonencode(${v}), "")}`,
        `a map of objects by a name you choose, each with ${names.join(', ')}`,
      ),
    },
    {
      // keys() of an object is known at plan even when its values are not.
      condition: guard(`length(${unknownAttributes}) == 0`),
      errorMessage: `try([for o in ${unknownAttributes} : "${input.variable}[\${jsonencode(o.key)}].\${o.name} is not an attribute of ${input.variable} entries${hint}: the attributes are ${literalText(names.join(', '))}."][0], "${input.variable} has an attribute it does not know: the attributes are ${literalText(names.join(', '))}.")`,
    },
    {
      condition: guard(`length(${badTypes}) == 0`),
      errorMessage: `"\${try("\${${badTypes}[0].label} \${jsonencode(${badTypes}[0].value)}", "${input.variable}")} is invalid: it must be \${try(${badTypes}[0].allowed, "of its attribute's type")}."`,
    },
  ];
}
