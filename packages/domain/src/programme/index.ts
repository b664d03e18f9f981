export * from './dto.js';
export { type ProgressQuery, programmeProgress, programmeProgressCsv } from './progress.js';
