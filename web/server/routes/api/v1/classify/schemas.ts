import { Type, type Static } from 'typebox';

/** POST /api/v1/classify */
export const ClassifyBody = Type.Object(
  { texts: Type.Array(Type.String({ maxLength: 10_000 }), { minItems: 1, maxItems: 1000, description: "customers' own words" }) },
  { additionalProperties: false },
);
export type ClassifyBody = Static<typeof ClassifyBody>;
