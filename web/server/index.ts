/** @rebound/web: the HTTP API, dashboard and portal over the engine. */
export { buildApp, type AppOptions } from './app';
export { sendProblem } from './plugins/external/problem-details';
export { startServer, type ServeOptions } from './serve';
