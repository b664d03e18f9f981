/** Experiences (schede di valorizzazione) and territorial stakeholders. */
export const experiencesIt = {
  'experiences.title': 'Esperienze di cooperazione',
};
