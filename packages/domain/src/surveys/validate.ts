import type { AnswerItem } from '@hubspoke/db';
import { AppError, invalid } from '../shared/errors.js';
import type { Answers, Label, Option, Question } from './dto.js';
import { COUNTRY_GROUPS, countryOptions } from './templates.js';

export const TEXT_ANSWER_MAX = 5000;
export const OTHER_TEXT_MAX = 500;
export const SCALE = { min: 1, max: 5 } as const;

/** What is wrong with one answer; `code` is the error code a client sees. */
export interface AnswerProblem {
  question: string;
  code:
    | 'unknown_question'
    | 'invalid_answer'
    | 'unknown_option'
    | 'number_out_of_range'
    | 'other_text_required'
    | 'answer_too_long'
    | 'answer_required';
  message: string;
}

/**
 * A refused answer: 400 with the code of the first problem and, in `question`, the key of the
 * question it is about; `problems` lists them all (the form shows each next to its question).
 */
export class AnswerError extends AppError {
  readonly question: string;
  constructor(readonly problems: AnswerProblem[]) {
    const first = problems[0] as AnswerProblem;
    super(400, first.code, problems.map((p) => p.message).join('; '));
    this.name = 'AnswerError';
    this.question = first.question;
  }
}

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const OPTION_KEY = /^[A-Za-z0-9][A-Za-z0-9_]{0,39}$/;

function checkLabel(where: string, label: Label | undefined) {
  if (!label?.it?.trim() || !label.en?.trim()) throw invalid('invalid_questions', `${where}: label it and en`);
}

/** A survey's own questions, checked and completed (scales get 1–5, countries the two areas). */
export function validateQuestions(questions: readonly Question[]): Question[] {
  if (questions.length === 0 || questions.length > 100)
    throw invalid('invalid_questions', 'A survey has between 1 and 100 questions');
  const keys = new Set<string>();
  return questions.map((q) => {
    if (!KEY.test(q.key))
      throw invalid('invalid_questions', `Question key ${q.key} is not lowercase letters, digits and _`);
    if (keys.has(q.key)) throw invalid('invalid_questions', `Question key ${q.key} is used twice`);
    keys.add(q.key);
    checkLabel(`Question ${q.key}`, q.label);
    if (q.section) checkLabel(`Question ${q.key} section`, q.section);
    const base: Question = {
      key: q.key,
      type: q.type,
      label: q.label,
      ...(q.section ? { section: q.section } : {}),
      ...(q.required ? { required: true } : {}),
    };
    switch (q.type) {
      case 'single':
      case 'multi': {
        const options = q.options ?? [];
        if (options.length === 0 || options.length > 100)
          throw invalid('invalid_questions', `Question ${q.key} needs between 1 and 100 options`);
        const seen = new Set<string>();
        for (const o of options) {
          if (!OPTION_KEY.test(o.key) || seen.has(o.key))
            throw invalid('invalid_questions', `Question ${q.key}: option key ${o.key} is invalid or repeated`);
          seen.add(o.key);
          checkLabel(`Question ${q.key} option ${o.key}`, o.label);
        }
        return {
          ...base,
          options: options.map((o) => ({ key: o.key, label: o.label, ...(o.other ? { other: true } : {}) })),
        };
      }
      case 'countries': {
        const countries = countryOptions();
        const extra = (q.options ?? []).filter((o) => o.other);
        for (const o of extra) checkLabel(`Question ${q.key} option ${o.key}`, o.label);
        if (extra.some((o) => countries.some((c) => c.key === o.key)))
          throw invalid('invalid_questions', `Question ${q.key}: an "other" option may not take a country's code`);
        return {
          ...base,
          options: [...countries, ...extra.map((o) => ({ key: o.key, label: o.label, other: true as const }))],
          groups: COUNTRY_GROUPS.map((g) => ({ key: g.key, label: g.label })),
        };
      }
      case 'scale':
        return { ...base, min: SCALE.min, max: SCALE.max };
      case 'number':
        if (q.min !== undefined && q.max !== undefined && q.min > q.max)
          throw invalid('invalid_questions', `Question ${q.key}: min is more than max`);
        return {
          ...base,
          ...(q.min !== undefined ? { min: q.min } : {}),
          ...(q.max !== undefined ? { max: q.max } : {}),
        };
      case 'text':
        return base;
      default:
        throw invalid('invalid_questions', `Question ${q.key}: unknown type`);
    }
  });
}

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/** One chosen option: its key, or `{option, text}` for one that takes a text. */
function readChoice(value: unknown): { option: string; text: string | null } | null {
  if (typeof value === 'string') return { option: value, text: null };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { option, text, ...rest } = value as Record<string, unknown>;
    if (typeof option !== 'string' || Object.keys(rest).length) return null;
    if (text !== undefined && text !== null && typeof text !== 'string') return null;
    return { option, text: typeof text === 'string' && text.trim() ? text.trim() : null };
  }
  return null;
}

export interface CheckedAnswers {
  /** The answers as kept: empty ones dropped, chosen options as keys or `{option, text}`. */
  answers: Answers;
  /** One row per chosen option, number or text, for the results' aggregates. */
  items: Array<Omit<AnswerItem, never>>;
}

/**
 * Checks answers against the questions: every value always, and on `submit` that each required
 * question has one. Throws an AnswerError listing every problem; writes nothing.
 */
export function checkAnswers(questions: readonly Question[], input: Answers, submit: boolean): CheckedAnswers {
  const problems: AnswerProblem[] = [];
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const answers: Answers = {};
  const items: AnswerItem[] = [];
  const problem = (question: string, code: AnswerProblem['code'], message: string) =>
    problems.push({ question, code, message: `${question}: ${message}` });

  for (const key of Object.keys(input)) {
    if (!byKey.has(key)) problem(key, 'unknown_question', 'no such question in this survey');
  }
  for (const q of questions) {
    const value = input[q.key];
    if (isEmpty(value)) {
      if (submit && q.required) problem(q.key, 'answer_required', 'an answer is required');
      continue;
    }
    switch (q.type) {
      case 'single':
      case 'multi':
      case 'countries': {
        const list =
          q.type === 'single' ? (Array.isArray(value) ? null : [value]) : Array.isArray(value) ? value : null;
        if (!list) {
          problem(q.key, 'invalid_answer', q.type === 'single' ? 'one option expected' : 'a list of options expected');
          break;
        }
        const options = new Map((q.options ?? []).map((o) => [o.key, o] as [string, Option]));
        const kept: unknown[] = [];
        const chosen = new Set<string>();
        let bad = false;
        for (const raw of list) {
          const choice = readChoice(raw);
          if (!choice) {
            problem(q.key, 'invalid_answer', 'an option key, or {option, text}, expected');
            bad = true;
            break;
          }
          const o = options.get(choice.option);
          if (!o) {
            problem(q.key, 'unknown_option', `option ${choice.option} does not exist`);
            bad = true;
            break;
          }
          if (chosen.has(o.key)) continue;
          chosen.add(o.key);
          if (o.other && !choice.text) {
            problem(q.key, 'other_text_required', `option ${o.key} needs its text`);
            bad = true;
            break;
          }
          if (choice.text && choice.text.length > OTHER_TEXT_MAX) {
            problem(q.key, 'answer_too_long', `the text of ${o.key} is longer than ${OTHER_TEXT_MAX} characters`);
            bad = true;
            break;
          }
          const text = o.other ? choice.text : null;
          kept.push(text ? { option: o.key, text } : o.key);
          items.push({ question_key: q.key, option_key: o.key, other_text: text, number_value: null });
        }
        if (!bad) answers[q.key] = q.type === 'single' ? kept[0] : kept;
        break;
      }
      case 'number':
      case 'scale': {
        const min = q.type === 'scale' ? SCALE.min : q.min;
        const max = q.type === 'scale' ? SCALE.max : q.max;
        if (typeof value !== 'number' || !Number.isFinite(value) || (q.type === 'scale' && !Number.isInteger(value))) {
          problem(
            q.key,
            'invalid_answer',
            q.type === 'scale' ? 'a whole number from 1 to 5 expected' : 'a number expected',
          );
          break;
        }
        if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
          problem(q.key, 'number_out_of_range', `${value} is outside ${min ?? '−∞'}–${max ?? '∞'}`);
          break;
        }
        answers[q.key] = value;
        items.push({
          question_key: q.key,
          option_key: q.type === 'scale' ? String(value) : null,
          other_text: null,
          number_value: value,
        });
        break;
      }
      case 'text': {
        if (typeof value !== 'string') {
          problem(q.key, 'invalid_answer', 'a text expected');
          break;
        }
        const text = value.trim();
        if (text.length > TEXT_ANSWER_MAX) {
          problem(q.key, 'answer_too_long', `longer than ${TEXT_ANSWER_MAX} characters`);
          break;
        }
        answers[q.key] = text;
        items.push({ question_key: q.key, option_key: null, other_text: text, number_value: null });
        break;
      }
    }
  }
  if (problems.length) throw new AnswerError(problems);
  return { answers, items };
}

/** The options a question's results are counted by: its own, or 1–5 for a scale. */
export function resultOptions(q: Question): Option[] {
  if (q.type === 'scale') {
    return Array.from({ length: SCALE.max - SCALE.min + 1 }, (_, i) => {
      const n = String(SCALE.min + i);
      return { key: n, label: { it: n, en: n } };
    });
  }
  return q.options ?? [];
}

/** An answer in words, in both languages (the ente's page shows its profile so). */
export function answerText(q: Question, value: unknown): Label | null {
  if (isEmpty(value)) return null;
  if (q.type === 'text' || q.type === 'number' || q.type === 'scale') {
    const text = String(value);
    return { it: text, en: text };
  }
  const options = new Map((q.options ?? []).map((o) => [o.key, o]));
  const list = Array.isArray(value) ? value : [value];
  const parts = list.map((raw) => {
    const choice = readChoice(raw);
    const o = choice ? options.get(choice.option) : undefined;
    if (!choice || !o) return { it: String(choice?.option ?? ''), en: String(choice?.option ?? '') };
    const label = o.other
      ? {
          it: o.label.it.replace(/\s*\(specificare[^)]*\)/i, ''),
          en: o.label.en.replace(/\s*\((please )?specify[^)]*\)/i, ''),
        }
      : o.label;
    return choice.text ? { it: `${label.it}: ${choice.text}`, en: `${label.en}: ${choice.text}` } : label;
  });
  return { it: parts.map((p) => p.it).join('; '), en: parts.map((p) => p.en).join('; ') };
}
