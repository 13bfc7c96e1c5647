// The statutory forms of the Mental Health (Hospital, Guardianship and Treatment) (England) Regulations 2008
// that a hospital's managers or a local social services authority receive (A1–A11, H1–H6, G1–G10,
// CTO1–CTO12, T1–T6, M1–M2), as data a page can render as a form, with checks of what a browser posts and
// the law-engine event each completed form records. Pure: no clock, database or network.

export type {
  ApplicationSpec,
  ConditionalApproval,
  FieldType,
  FormDefinition,
  FormField,
  FormKind,
  FormPart,
  FormProblem,
  FormRule,
  RecommendationSpec,
  Signatory,
  SignerApprovals,
} from './form-types.ts';
export { forms, formByCode } from './catalogue.ts';
export { checkForm, checkApplicationWithRecommendations, recommendationFacts, requiredApprovals, fieldById, fieldsOf, isRequired, ruleFieldIds } from './check.ts';
export type { CheckOptions, FormSubmission, RecommendationFacts, RequiredApproval } from './check.ts';
export { lawEventFromForm, FormValuesError } from './law-event.ts';
export type { LawEventExtra } from './law-event.ts';
export { parseFormDate, parseFormDateTime, parseFormMoment, londonInstant, toLondonOffsetDateTime, formatDay, londonTimeZone } from './form-time.ts';
export type { FormMoment, FormTimeResult } from './form-time.ts';
