export * from './dto.js';
export {
  createExperience,
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
  type StakeholderQuery,
  stakeholderRegions,
  stakeholdersCsv,
  updateStakeholder,
} from './stakeholders.js';
