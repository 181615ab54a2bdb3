/**
 * Colours of the dashboard's charts: distinct hues (after Okabe–Ito), each darkened to at least 4.5:1 against
 * white so bars, links and their legend swatches stay visible for low-vision readers.
 */
export const PALETTE = ['#0072B2', '#C04F00', '#007A5E', '#A6437F', '#7A5C00', '#5B6770', '#6A4FB3', '#1d2530'];

/** Shared look of the dashboard's charts: readable text, the palette, decal patterns besides colour. */
export const BASE_OPTION = {
  color: PALETTE,
  // No entrance animation: the numbers are there at once (and nothing moves for readers who prefer less motion).
  animation: false,
  textStyle: { color: '#1d2530', fontFamily: 'system-ui, sans-serif' },
  // Decal patterns besides colour; ECharts' generated description is off so the chart keeps its own aria-label.
  aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
};
