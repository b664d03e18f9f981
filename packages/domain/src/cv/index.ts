export {
  CV_FILE_TYPES,
  CV_FILE_TYPES_LABEL,
  type CvDeps,
  type CvFileDownload,
  cvRules,
  getMyCv,
  openMyCvFile,
  removeCvFile,
  saveCv,
  setCvFile,
} from './cv.js';
export {
  DIRECTORY_QUERY_MAX,
  type DirectoryQuery,
  directoryFilterOptions,
  findDirectoryEntry,
  getDirectoryEntry,
  openDirectoryFile,
  searchDirectory,
} from './directory.js';
export {
  CvCompetenceSchema,
  type CvContentDto,
  CvContentSchema,
  CvExperienceSchema,
  type CvFileDto,
  CvFileSchema,
  CvLanguageSchema,
  type DirectoryEntryDto,
  DirectoryEntrySchema,
  type MyCvDto,
  MyCvSchema,
} from './dto.js';
export { type CvInput, CvInvalidError, type CvIssue, type CvIssueCode, type CvRules, validateCv } from './validate.js';
export {
  COUNTRY_CODES,
  type CountryCode,
  CV_LIMITS,
  isCountryCode,
  isLanguageCode,
  isLanguageLevel,
  LANGUAGE_CODES,
  LANGUAGE_LEVELS,
  type LanguageCode,
  type LanguageLevel,
  MEDITERRANEAN_COUNTRIES,
} from './vocabulary.js';
