import { Type, type Static } from 'typebox';

/** POST /api/v1/classify */
export const ClassifyBody = Type.Object(
  { texts: Type.Array(Type.String({ maxLength: 10_000 }), { minItems: 1, maxItems: 1000, description: "customers' own words" }) },
  { additionalProperties: false },
);
export type ClassifyBody = Static<typeof ClassifyBody>;

/** PUT /api/v1/returns/:id/lines/:sku/reason */
export const CorrectReasonBody = Type.Object({ reason_code: Type.String({ minLength: 1, description: 'a reason taxonomy code' }) }, { additionalProperties: false });
export type CorrectReasonBody = Static<typeof CorrectReasonBody>;
