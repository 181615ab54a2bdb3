/** A bar chart of values over periods. */
export function timeSeriesOption(points: { period: string; value: number | null }[], name: string) {
  return {
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: points.map((p) => p.period.slice(0, 10)) },
    yAxis: { type: 'value' },
    series: [{ name, type: 'bar', data: points.map((p) => p.value ?? 0), itemStyle: { color: '#0b5cad' } }],
  };
}

/** A horizontal bar chart of a breakdown. */
export function breakdownOption(rows: { value: string | null; kpi: number | null }[], name: string) {
  const sorted = [...rows].reverse();
  return {
    grid: { left: 130, right: 16, top: 16, bottom: 24 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: sorted.map((r) => r.value ?? 'not given') },
    series: [{ name, type: 'bar', data: sorted.map((r) => r.kpi ?? 0), itemStyle: { color: '#2a9d8f' } }],
  };
}
