/**
 * OpenAPI 3.0's `nullable: true` only adds null to the `type` of its own schema object: the
 * other keywords still apply (OAS 3.0.3, "nullable"). So @nestjs/swagger's rendering of a
 * nullable DTO, `{ type: 'object', nullable: true, allOf: [{ $ref }] }`, still refuses null (the
 * `allOf` does), and a nullable enum without null among its values refuses it too: strict
 * validators (Prism) and null-strict generated clients broke on real answers. This rewrites
 * both, once, in the generated document:
 * - a nullable reference becomes `oneOf: [{ $ref }, { type: 'object', nullable: true, enum: [null] }]`
 *   (the second branch admits null alone);
 * - a nullable enum lists null among its values.
 */
type Schema = Record<string, unknown>;

/** The schema that admits null and nothing else, in OpenAPI 3.0 terms. */
export const NULL_ONLY: Readonly<Schema> = { type: 'object', nullable: true, enum: [null] };

function rewrite(schema: Schema): Schema {
  if (schema.nullable !== true) return schema;
  const allOf = schema.allOf as Schema[] | undefined;
  if (Array.isArray(allOf) && allOf.length === 1 && typeof allOf[0].$ref === 'string') {
    const { nullable: _nullable, type: _type, allOf: _allOf, ...rest } = schema;
    return { ...rest, oneOf: [allOf[0], { ...NULL_ONLY }] };
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) {
    return { ...schema, enum: [...(schema.enum as unknown[]), null] };
  }
  return schema;
}

/** Rewrites every nullable reference and nullable enum of `node` in place (see above). */
export function exactNullables<T>(node: T): T {
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (value === null || typeof value !== 'object') return value;
    const rewritten = rewrite(value as Schema);
    for (const [key, child] of Object.entries(rewritten)) rewritten[key] = visit(child);
    return rewritten;
  };
  const document = node as Record<string, unknown>;
  for (const [key, child] of Object.entries(document)) document[key] = visit(child);
  return node;
}
