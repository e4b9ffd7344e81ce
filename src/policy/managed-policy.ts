/**
 * The role's customer-managed policy (`managedPolicy`): `inlinePolicy`'s statements, then each add-on's in
 * the add-on catalog's order, in one document. Pure: the constructs validate and render it.
 */
import type { PolicyDocument, PolicyStatement } from './document';
import type { AddonGrantEntry } from './well-known';

/** Where a statement of the merged policy comes from (`inlinePolicy`, `wellKnownPolicies.<key>`). */
export interface PolicyPart {
  readonly source: string;
  readonly statements: readonly PolicyStatement[];
}

/** A document's statements as a list (IAM also accepts one statement object). */
export function statementsOf(document: PolicyDocument): PolicyStatement[] {
  const statement = document.Statement as PolicyStatement[] | PolicyStatement | undefined;
  if (statement === undefined) return [];
  return Array.isArray(statement) ? statement : [statement];
}

/** The parts the managed policy merges: the inline document (when known at synth) and the add-ons with statements. */
export function managedPolicyParts(
  inline: PolicyDocument | undefined,
  addons: readonly AddonGrantEntry[],
): PolicyPart[] {
  const parts: PolicyPart[] = [];
  if (inline !== undefined) parts.push({ source: 'inlinePolicy', statements: statementsOf(inline) });
  for (const addon of addons) {
    if (addon.statements.length > 0) {
      parts.push({ source: `wellKnownPolicies.${addon.key}`, statements: addon.statements });
    }
  }
  return parts;
}

/**
 * The first Sid that two different parts both use (IAM refuses a policy whose Sids repeat), with the two
 * parts; `isToken` tells Sids known only at apply, which are skipped.
 */
export function sharedSid(
  parts: readonly PolicyPart[],
  isToken: (value: unknown) => boolean,
): { sid: string; first: string; second: string } | undefined {
  const owner = new Map<string, string>();
  for (const part of parts) {
    const own = new Set<string>();
    for (const statement of part.statements) {
      const sid = statement.Sid;
      if (typeof sid !== 'string' || sid === '' || isToken(sid) || own.has(sid)) continue;
      own.add(sid);
      const first = owner.get(sid);
      if (first !== undefined) return { sid, first, second: part.source };
      owner.set(sid, part.source);
    }
  }
  return undefined;
}

/** The merged document: the inline document's Version (and Id) when there is one, else 2012-10-17. */
export function managedPolicyDocument(
  inline: PolicyDocument | undefined,
  parts: readonly PolicyPart[],
): PolicyDocument {
  const statements = parts.flatMap((p) => p.statements);
  const version = inline?.Version ?? '2012-10-17';
  return inline?.Id === undefined
    ? { Version: version, Statement: statements }
    : { Version: version, Id: inline.Id, Statement: statements };
}
