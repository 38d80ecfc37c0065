// The guide editor's fields (FormData → values), their checks and the API body, shared by
// /guides/new and /guides/[slug]/edit. Values stay as typed, so a refused form shows what the
// editor wrote. The API checks everything again and sanitises the Markdown.
import { GUIDE_AUDIENCES, HELP_TOPICS } from '$lib/help-names';
import { fieldsOfError, type ApiError } from './api';
import { list, text, type FieldErrors } from './profile-form';

export const GUIDE_LIMITS = { title: 160, summary: 400, body: 20_000, sourceTitle: 200, sourceUrl: 500, sources: 10 } as const;

export interface GuideSourceRow {
  title: string;
  url: string;
  kind: string;
}

export interface GuideFormValues {
  topic: string;
  audiences: string[];
  title: string;
  summary: string;
  body: string;
  sources: GuideSourceRow[];
  checkedOn: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const blankSource = (): GuideSourceRow => ({ title: '', url: '', kind: 'primary' });

/** Today in Hong Kong, as the date field writes it. */
export function hongKongToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Hong_Kong', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function readGuideForm(form: FormData): GuideFormValues {
  const sources: GuideSourceRow[] = [];
  for (let index = 0; index < GUIDE_LIMITS.sources + 2; index++) {
    if (!form.has(`sources.${index}.title`)) continue;
    sources.push({
      title: text(form, `sources.${index}.title`),
      url: text(form, `sources.${index}.url`),
      kind: text(form, `sources.${index}.kind`) === 'secondary' ? 'secondary' : 'primary',
    });
  }
  return {
    topic: text(form, 'topic'),
    audiences: list(form, 'audiences'),
    title: text(form, 'title'),
    summary: text(form, 'summary'),
    body: text(form, 'body'),
    // Blank rows are the spare row the form always offers: not a source.
    sources: sources.filter((row) => row.title !== '' || row.url !== ''),
    checkedOn: text(form, 'checkedOn'),
  };
}

/** Problems by field; `withTopic` for a new guide (topic and audiences are chosen once). */
export function checkGuideForm(values: GuideFormValues, withTopic: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (withTopic) {
    if (!(HELP_TOPICS as readonly string[]).includes(values.topic)) errors.topic = 'choose';
    if (values.audiences.length === 0 || values.audiences.some((audience) => !(GUIDE_AUDIENCES as readonly string[]).includes(audience))) {
      errors.audiences = 'choose_some';
    }
  }
  const lengths: [keyof typeof GUIDE_LIMITS, 'title' | 'summary' | 'body'][] = [
    ['title', 'title'],
    ['summary', 'summary'],
    ['body', 'body'],
  ];
  for (const [limit, field] of lengths) {
    if (values[field] === '') errors[field] = 'required';
    else if (values[field].length > GUIDE_LIMITS[limit]) errors[field] = 'too_long';
  }
  if (values.sources.length === 0) errors['sources.0.title'] = 'sources_none';
  if (values.sources.length > GUIDE_LIMITS.sources) errors['sources.0.title'] = 'sources_too_many';
  values.sources.forEach((row, index) => {
    if (row.title === '') errors[`sources.${index}.title`] = 'required';
    else if (row.title.length > GUIDE_LIMITS.sourceTitle) errors[`sources.${index}.title`] = 'too_long';
    if (row.url !== '' && (!/^https?:\/\/\S+$/i.test(row.url) || row.url.length > GUIDE_LIMITS.sourceUrl)) errors[`sources.${index}.url`] = 'url';
  });
  if (!DATE.test(values.checkedOn) || Number.isNaN(Date.parse(`${values.checkedOn}T00:00:00Z`))) errors.checkedOn = 'date';
  else if (values.checkedOn > hongKongToday()) errors.checkedOn = 'date_future';
  return errors;
}

/** The body of PUT /api/guides/:slug/translations/:locale (plus topic and audiences for POST /api/guides). */
export function guideBody(values: GuideFormValues, withTopic: boolean) {
  return {
    ...(withTopic ? { topic: values.topic, audiences: values.audiences } : {}),
    title: values.title,
    summary: values.summary,
    bodyMarkdown: values.body,
    sources: values.sources.map((row) => ({ title: row.title, kind: row.kind, ...(row.url ? { url: row.url } : {}) })),
    checkedOn: values.checkedOn,
  };
}

/** The API's 400 as fields of the form ("bodyMarkdown" → "body", "sources" → its first row). */
export function formErrorsOf(apiError: ApiError): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of fieldsOfError(apiError)) {
    const key = field === 'bodyMarkdown' ? 'body' : field === 'sources' ? 'sources.0.title' : field;
    errors[key] ??= 'check';
  }
  return errors;
}
