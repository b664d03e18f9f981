import { CV_LIMITS, LANGUAGE_LEVELS, type MyCvDto } from '@hubspoke/domain';
import type { MessageKey } from '@hubspoke/i18n';
import type { PageContext } from '../context.js';
import { section } from '../ui/cards.js';
import { label, submit } from '../ui/form.js';
import { attr, html, type SafeHtml } from '../ui/html.js';
import { codeNames, MEDITERRANEAN, sizeLabel, type Vocabularies } from './cv.view.js';
import { type CvDraft, type CvList, fieldId, rowName } from './cv-form.js';

/** Messages by field path (`experiences/2/yearTo`, `headline`, `languages`), in the order found. */
export type FieldErrors = ReadonlyMap<string, string>;

export interface CvEditorView {
  draft: CvDraft;
  me: MyCvDto;
  vocabularies: Vocabularies;
  errors: FieldErrors;
  maxBytes: number;
  /** Why the last file upload or removal did not go through. */
  fileError?: string | undefined;
}

const FORM = 'cv-form';
const FILE_FORM = 'cv-file-form';

const FIELD_LABELS: Record<string, MessageKey> = {
  headline: 'cv.headline',
  summary: 'cv.summary',
  languages: 'cv.languages',
  competences: 'cv.competences',
  experiences: 'cv.experiences',
  'languages.code': 'cv.languageCode',
  'languages.level': 'cv.languageLevel',
  'competences.skill': 'cv.skill',
  'competences.dimension': 'cv.dimension',
  'competences.focusArea': 'cv.focusArea',
  'experiences.title': 'cv.experienceTitle',
  'experiences.programme': 'cv.programme',
  'experiences.fund': 'cv.fund',
  'experiences.countries': 'cv.countries',
  'experiences.yearFrom': 'cv.yearFrom',
  'experiences.yearTo': 'cv.yearTo',
  'experiences.role': 'cv.role',
};
const ROW_LABELS: Record<CvList, MessageKey> = {
  languages: 'cv.languageRow',
  competences: 'cv.competenceRow',
  experiences: 'cv.experienceRow',
};

/** "Esperienza 3 – Al (anno)": what an error in the summary is about. */
function fieldLabel(ctx: PageContext, path: string) {
  const [list, row, field] = path.split('/');
  if (list && row !== undefined && field !== undefined && list in ROW_LABELS) {
    const key = FIELD_LABELS[`${list}.${field}`];
    return `${ctx.t(ROW_LABELS[list as CvList], { n: Number(row) + 1 })} – ${key ? ctx.t(key) : field}`;
  }
  const key = list ? FIELD_LABELS[list] : undefined;
  return key ? ctx.t(key) : path;
}

function errorSummary(ctx: PageContext, errors: FieldErrors) {
  if (errors.size === 0) return '';
  return html`<div class="alert alert-danger" id="${FORM}-error" role="alert">
    <p class="fw-semibold mb-1">${ctx.t('cv.errorSummary', { count: errors.size })}</p>
    <ul class="mb-0">${[...errors].map(
      ([path, message]) => html`<li><a href="#${fieldId(path)}">${fieldLabel(ctx, path)}</a>: ${message}</li>`,
    )}</ul>
  </div>`;
}

interface Control {
  path: string;
  label: string;
  hint?: string | undefined;
  required?: boolean;
}

/** The attributes tying a control to its hint and its error, and the error itself. */
function described(errors: FieldErrors, o: Control) {
  const id = fieldId(o.path);
  const message = errors.get(o.path);
  const ids = [o.hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    id,
    invalid: message !== undefined,
    attributes: html`${ids ? html` aria-describedby="${ids}"` : ''}${message ? html` aria-invalid="true"` : ''}`,
    after: html`${o.hint ? html`<small id="${id}-hint" class="form-text">${o.hint}</small>` : ''}${
      message ? html`<div id="${id}-error" class="invalid-feedback d-block" data-field-error>${message}</div>` : ''
    }`,
  };
}

function textInput(
  ctx: PageContext,
  errors: FieldErrors,
  o: Control & { name: string; value: string; maxlength: number; inputmode?: 'numeric' },
) {
  const d = described(errors, o);
  return html`<div class="form-group">
    ${label(ctx, d.id, o.label, o.required)}
    <input type="text" id="${d.id}" name="${o.name}" value="${o.value}" class="form-control${d.invalid ? ' is-invalid' : ''}" maxlength="${o.maxlength}"${
      o.inputmode ? html` inputmode="numeric"` : ''
    }${d.attributes}>
    ${d.after}
  </div>`;
}

function selectInput(
  ctx: PageContext,
  errors: FieldErrors,
  o: Control & { name: string; selected: string; options: Array<{ value: string; label: string }> },
) {
  const d = described(errors, o);
  return html`<div class="select-wrapper mb-3">
    ${label(ctx, d.id, o.label, o.required)}
    <select id="${d.id}" name="${o.name}"${d.attributes}>
      ${o.options.map(
        (option) =>
          html`<option value="${option.value}"${attr('selected', option.value === o.selected)}>${option.label}</option>`,
      )}
    </select>
    ${d.after}
  </div>`;
}

function countriesInput(ctx: PageContext, errors: FieldErrors, row: number, chosen: readonly string[]) {
  const { t } = ctx;
  const path = `experiences/${row}/countries`;
  // An unknown code is reported on its own position; the picker shows it once for all.
  const message = [...errors].find(([p]) => p === path || p.startsWith(`${path}/`))?.[1];
  const local = new Map(errors);
  if (message !== undefined) local.set(path, message);
  const d = described(local, { path, label: t('cv.countries'), hint: t('cv.countriesHint') });
  const countries = [...codeNames(ctx.locale).countries];
  const option = ([code, name]: [string, string]) =>
    html`<option value="${code}"${attr('selected', chosen.includes(code))}>${name}</option>`;
  const unknown = chosen.filter((c) => !codeNames(ctx.locale).countries.has(c));
  return html`<div class="select-wrapper mb-3">
    ${label(ctx, d.id, t('cv.countries'))}
    <select id="${d.id}" name="${rowName('experiences', row, 'countries')}" multiple size="6"${d.attributes}>
      <optgroup label="${t('cv.mediterranean')}">${countries.filter(([c]) => MEDITERRANEAN.has(c)).map(option)}</optgroup>
      <optgroup label="${t('cv.otherCountries')}">${countries.filter(([c]) => !MEDITERRANEAN.has(c)).map(option)}</optgroup>
      ${unknown.map((c) => html`<option value="${c}" selected>${c}</option>`)}
    </select>
    ${d.after}
  </div>`;
}

/** A list's own error (too many entries) and its hint, under its heading. */
function listIntro(ctx: PageContext, errors: FieldErrors, list: CvList, hint: MessageKey) {
  const message = errors.get(list);
  return html`<p class="small text-secondary" id="${fieldId(list)}">${ctx.t(hint)}</p>${
    message ? html`<div class="alert alert-danger py-2" data-field-error>${message}</div>` : ''
  }`;
}

function languageRows(ctx: PageContext, view: CvEditorView) {
  const { t } = ctx;
  const names = codeNames(ctx.locale).languages;
  const choose = { value: '', label: t('cv.choose') };
  return view.draft.languages.map(
    (l, i) => html`<fieldset class="row g-3 mb-2" data-cv-row="languages">
      <legend class="visually-hidden">${t('cv.languageRow', { n: i + 1 })}</legend>
      <div class="col-12 col-md-7">${selectInput(ctx, view.errors, {
        path: `languages/${i}/code`,
        name: rowName('languages', i, 'code'),
        label: `${t('cv.languageCode')} ${i + 1}`,
        selected: l.code,
        options: [choose, ...[...names].map(([value, name]) => ({ value, label: name }))],
      })}</div>
      <div class="col-12 col-md-5">${selectInput(ctx, view.errors, {
        path: `languages/${i}/level`,
        name: rowName('languages', i, 'level'),
        label: `${t('cv.languageLevel')} ${i + 1}`,
        selected: l.level,
        options: [
          choose,
          ...LANGUAGE_LEVELS.map((level) => ({
            value: level,
            label: level === 'native' ? t('cv.level.native') : level,
          })),
        ],
      })}</div>
    </fieldset>`,
  );
}

function competenceRows(ctx: PageContext, view: CvEditorView) {
  const { t } = ctx;
  const none = { value: '', label: t('cv.noneChosen') };
  const options = (names: ReadonlyMap<string, string>) => [
    none,
    ...[...names].map(([value, name]) => ({ value, label: name })),
  ];
  return view.draft.competences.map(
    (c, i) => html`<fieldset class="row g-3 mb-2" data-cv-row="competences">
      <legend class="visually-hidden">${t('cv.competenceRow', { n: i + 1 })}</legend>
      <div class="col-12 col-lg-6">${textInput(ctx, view.errors, {
        path: `competences/${i}/skill`,
        name: rowName('competences', i, 'skill'),
        label: `${t('cv.skill')} ${i + 1}`,
        value: c.skill,
        maxlength: CV_LIMITS.text,
      })}</div>
      <div class="col-12 col-md-6 col-lg-3">${selectInput(ctx, view.errors, {
        path: `competences/${i}/dimension`,
        name: rowName('competences', i, 'dimension'),
        label: t('cv.dimension'),
        selected: c.dimension,
        options: options(view.vocabularies.dimensions),
      })}</div>
      <div class="col-12 col-md-6 col-lg-3">${selectInput(ctx, view.errors, {
        path: `competences/${i}/focusArea`,
        name: rowName('competences', i, 'focusArea'),
        label: t('cv.focusArea'),
        selected: c.focusArea,
        options: options(view.vocabularies.focusAreas),
      })}</div>
    </fieldset>`,
  );
}

function experienceRows(ctx: PageContext, view: CvEditorView) {
  const { t } = ctx;
  const text = (i: number, field: string, labelKey: MessageKey, value: string, extra: Partial<Control> = {}) =>
    textInput(ctx, view.errors, {
      path: `experiences/${i}/${field}`,
      name: rowName('experiences', i, field),
      label: t(labelKey),
      value,
      maxlength: CV_LIMITS.text,
      ...extra,
    });
  const year = (i: number, field: 'yearFrom' | 'yearTo', value: string, hint?: string) =>
    textInput(ctx, view.errors, {
      path: `experiences/${i}/${field}`,
      name: rowName('experiences', i, field),
      label: t(field === 'yearFrom' ? 'cv.yearFrom' : 'cv.yearTo'),
      value,
      maxlength: 4,
      inputmode: 'numeric',
      hint,
    });
  return view.draft.experiences.map(
    (e, i) => html`<fieldset class="card card-bg no-after mb-3" data-cv-row="experiences">
      <legend class="h6 px-4 pt-3 mb-0">${t('cv.experienceRow', { n: i + 1 })}</legend>
      <div class="card-body row g-3">
      <div class="col-12 col-lg-6">${text(i, 'title', 'cv.experienceTitle', e.title)}</div>
      <div class="col-12 col-lg-6">${text(i, 'role', 'cv.role', e.role)}</div>
      <div class="col-12 col-md-6">${text(i, 'programme', 'cv.programme', e.programme, { hint: t('cv.programmeHint') })}</div>
      <div class="col-12 col-md-6">${text(i, 'fund', 'cv.fund', e.fund, { hint: t('cv.fundHint') })}</div>
      <div class="col-12 col-md-6">${countriesInput(ctx, view.errors, i, e.countries)}</div>
      <div class="col-6 col-md-3">${year(i, 'yearFrom', e.yearFrom)}</div>
      <div class="col-6 col-md-3">${year(i, 'yearTo', e.yearTo, t('cv.yearToHint'))}</div>
    </div></fieldset>`,
  );
}

/** Where the CV stands with the directory, and what the Liberatoria has to do with it. */
function standing(ctx: PageContext, me: MyCvDto) {
  const { t } = ctx;
  if (me.listed)
    return html`<div class="alert alert-success" role="status" data-cv-standing="listed"><p class="mb-0">${t('cv.listed')}</p></div>`;
  if (me.liberatoria === 'pending') {
    return html`<div class="alert alert-info" data-cv-standing="consent"><p class="mb-1">${t('cv.consentNote')}</p>
      <p class="mb-0"><a href="/consensi/liberatoria?next=/profilo/cv">${t('cv.consentLink')}</a></p></div>`;
  }
  if (me.liberatoria === 'held') {
    // The Liberatoria is given; the CV is not saved yet.
    return html`<div class="alert alert-info" data-cv-standing="unsaved"><p class="mb-0">${t('cv.listedAfterSave')}</p></div>`;
  }
  return html`<div class="alert alert-info" data-cv-standing="none"><p class="mb-0">${t('cv.noLiberatoria')}</p></div>`;
}

function fileSection(ctx: PageContext, view: CvEditorView) {
  const { t } = ctx;
  const file = view.me.file;
  const errorId = view.fileError ? `${FILE_FORM}-error` : undefined;
  const current = file
    ? html`<p data-cv-file>${t('cv.fileCurrent')} <a href="/api/me/cv/file">${file.name}</a>
        <span class="small text-secondary">(${sizeLabel(ctx, file.size)})</span></p>
        <form method="post" action="/profilo/cv/file/elimina" class="mb-3">
          <button type="submit" class="btn btn-outline-danger btn-sm">${t('cv.fileDelete')}</button>
        </form>`
    : html`<p>${t('cv.fileNone')}</p>`;
  return html`<p>${t('cv.fileIntro', { size: sizeLabel(ctx, view.maxBytes) })}</p>
    ${current}
    ${view.fileError ? html`<div class="alert alert-danger" id="${errorId}" role="alert"><p class="mb-0">${view.fileError}</p></div>` : ''}
    <form method="post" action="/profilo/cv/file" enctype="multipart/form-data" id="${FILE_FORM}" novalidate>
      <div class="form-group">
        ${label(ctx, 'cv-file', t('cv.fileLabel'), true)}
        <input type="file" id="cv-file" name="file" class="form-control${errorId ? ' is-invalid' : ''}" accept=".pdf,.odt,.docx" required${
          errorId ? html` aria-describedby="${errorId}" aria-invalid="true"` : ''
        }>
      </div>
      ${submit(file ? t('cv.fileReplace') : t('cv.fileUpload'))}
    </form>`;
}

/** The CV editor: a plain form (rows for each list, empty ones ignored) and the file's own form. */
export function cvEditorPage(ctx: PageContext, view: CvEditorView): SafeHtml {
  const { t } = ctx;
  const { draft, errors } = view;
  return html`<p class="mb-1"><a href="/profilo">${t('cv.backToProfile')}</a></p>
    <h1 class="mb-2">${t('cv.title')}</h1>
    <p class="lead mb-3">${t('cv.intro')}</p>
    ${standing(ctx, view.me)}
    ${errorSummary(ctx, errors)}
    <form method="post" action="/profilo/cv" id="${FORM}" novalidate>
      ${textInput(ctx, errors, {
        path: 'headline',
        name: 'headline',
        label: t('cv.headline'),
        value: draft.headline,
        maxlength: CV_LIMITS.headline,
        hint: t('cv.headlineHint', { max: CV_LIMITS.headline }),
      })}
      ${(() => {
        const d = described(errors, {
          path: 'summary',
          label: t('cv.summary'),
          hint: t('cv.summaryHint', { max: CV_LIMITS.summary }),
        });
        return html`<div class="form-group">
          ${label(ctx, d.id, t('cv.summary'))}
          <textarea id="${d.id}" name="summary" rows="6" class="form-control${d.invalid ? ' is-invalid' : ''}" maxlength="${CV_LIMITS.summary}"${d.attributes}>${draft.summary}</textarea>
          ${d.after}
        </div>`;
      })()}
      ${section('cv-languages-title', t('cv.languages'), html`${listIntro(ctx, errors, 'languages', 'cv.languagesHint')}${languageRows(ctx, view)}`)}
      ${section('cv-competences-title', t('cv.competences'), html`${listIntro(ctx, errors, 'competences', 'cv.competencesHint')}${competenceRows(ctx, view)}`)}
      ${section('cv-experiences-title', t('cv.experiences'), html`${listIntro(ctx, errors, 'experiences', 'cv.experiencesHint')}${experienceRows(ctx, view)}`)}
      <p class="small text-secondary">${t('cv.emptyRowsNote')}</p>
      <div class="d-flex flex-wrap gap-3">
        ${submit(t('cv.save'))}
        <button type="submit" name="azione" value="righe" class="btn btn-outline-primary">${t('cv.moreRows')}</button>
      </div>
    </form>
    <div class="mt-5">${section('cv-file-title', t('cv.fileTitle'), fileSection(ctx, view))}</div>`;
}
