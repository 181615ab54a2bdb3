import { Type, type Static } from 'typebox';

// Rule conditions are checked by the engine's validator, which names the rule and condition at fault;
// the HTTP schema only fixes the envelope.
/** PUT /api/v1/rules */
export const PutRulesBody = Type.Object({ rules: Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 500 }) }, { additionalProperties: false });
export type PutRulesBody = Static<typeof PutRulesBody>;

/** POST /api/v1/rules/backtest: a rule set to try (else the active one) and a window. */
export const BacktestBody = Type.Object(
  {
    rules: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 500 })),
    from: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type BacktestBody = Static<typeof BacktestBody>;
