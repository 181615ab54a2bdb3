import { Type, type Static } from 'typebox';

const filterFields = {
  from: Type.Optional(Type.String({ description: 'start of the window, ISO 8601 (inclusive)' })),
  to: Type.Optional(Type.String({ description: 'end of the window, ISO 8601 (exclusive)' })),
  category: Type.Optional(Type.String()),
  sku: Type.Optional(Type.String()),
  channel: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String({ description: 'reason code' })),
};

/** GET /api/v1/kpis */
export const KpiQuery = Type.Object(filterFields, { additionalProperties: false });
export type KpiQuery = Static<typeof KpiQuery>;

/** GET /api/v1/kpis/timeseries */
export const TimeseriesQuery = Type.Object(
  { ...filterFields, metric: Type.String({ description: 'one KPI key' }), grain: Type.Optional(Type.String({ default: 'month', description: 'day, week or month' })) },
  { additionalProperties: false },
);
export type TimeseriesQuery = Static<typeof TimeseriesQuery>;

/** GET /api/v1/kpis/breakdown */
export const BreakdownQuery = Type.Object(
  { ...filterFields, metric: Type.String({ description: 'one KPI key' }), by: Type.String({ description: 'reason_code, category, sku, channel or disposition' }) },
  { additionalProperties: false },
);
export type BreakdownQuery = Static<typeof BreakdownQuery>;

/** GET /api/v1/kpis/products */
export const ProductsQuery = Type.Object(
  {
    ...filterFields,
    sort: Type.Optional(Type.String({ description: 'return_rate_units (default), return_rate_value, units_returned, return_cost_total, value_lost, refund_total or margin_impact' })),
    limit: Type.Optional(Type.String({ description: 'how many SKUs, 1 to 500 (default 50)' })),
  },
  { additionalProperties: false },
);
export type ProductsQuery = Static<typeof ProductsQuery>;

/** GET /api/v1/kpis/finance and /api/v1/kpis/sustainability */
export const PeriodReportQuery = Type.Object(
  { ...filterFields, grain: Type.Optional(Type.String({ default: 'month', description: 'day, week or month' })) },
  { additionalProperties: false },
);
export type PeriodReportQuery = Static<typeof PeriodReportQuery>;
