export { exportEntries } from './contents.js';
export {
  buildDataExport,
  type DataExportBuildOutcome,
  type DataExportRequest,
  EXPORT_LINK_HOURS,
  EXPORT_REQUESTED_EVENT,
  exportFilename,
  exportLinkExpired,
  exportLinkUsed,
  openDataExport,
  type PersonalDataStorages,
  personalDataStorages,
  removeFinishedDataExports,
  requestDataExport,
} from './export.js';
export { EXPORT_README_NAME } from './readme.js';
export { ZIP_MAX_BYTES, type ZipEntry, ZipLimitError, type ZipOptions, zipStream } from './zip-writer.js';
