export { type Config, ConfigError, loadConfig, type OidcConfig } from './config.js';
