export { type BuildOptions, buildApp } from './app.js';
export { SESSION_COOKIE } from './plugins/auth.js';
