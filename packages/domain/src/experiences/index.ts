export * from './dto.js';
export {
  createExperience,
  EXPERIENCE_CSV_MAX,
  type ExperienceQuery,
  experienceFilterOptions,
  experiencesCsv,
  getExperience,
  listExperiences,
  updateExperience,
} from './experiences.js';
export {
  createStakeholder,
  deleteStakeholder,
  getStakeholder,
  listStakeholders,
  STAKEHOLDER_CSV_MAX,
  type StakeholderQuery,
  stakeholderRegions,
  stakeholdersCsv,
  updateStakeholder,
} from './stakeholders.js';
