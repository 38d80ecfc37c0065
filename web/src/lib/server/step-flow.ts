// A profile form in steps that works without JavaScript: each step posts its fields, which
// are checked and kept in a draft cookie; Back keeps what was typed without checking it; the
// last step checks everything and saves the whole profile with one PUT.
import { fail, redirect, type Cookies } from '@sveltejs/kit';
import type { ApiResult } from './api';
import { fieldsOfError } from './api';
import { clearDraft, readDraft, writeDraft } from './drafts';
import type { FieldErrors, LanguageRow } from './profile-form';
import { languageRows } from './profile-form';

export interface StepFlow<V extends { languages: LanguageRow[] }> {
  /** Cookie holding the draft, and the page it belongs to. */
  cookie: string;
  path: string;
  steps: number;
  /** The draft from the cookie, if it is one of ours. */
  parse(raw: unknown): V | undefined;
  /** The fields one step's form holds, written over the values. */
  read(form: FormData, step: number, values: V): V;
  /** Problems of one step, as error codes by field. */
  check(step: number, values: V): FieldErrors;
  /** The step whose form holds a field the API named. */
  stepOfField(field: string): number;
  /** Saves the whole profile. */
  save(values: V): Promise<ApiResult<unknown>>;
  /** Where to go once saved. */
  done: string;
}

export function currentValues<V extends { languages: LanguageRow[] }>(
  flow: StepFlow<V>,
  cookies: Cookies,
  fallback: () => V,
): V {
  return flow.parse(readDraft(cookies, flow.cookie)) ?? fallback();
}

export function stepOf(value: unknown, steps: number): number {
  const step = Number(value);
  return Number.isInteger(step) && step >= 1 && step <= steps ? step : 1;
}

export async function runStep<V extends { languages: LanguageRow[] }>(
  flow: StepFlow<V>,
  { request, cookies, url }: { request: Request; cookies: Cookies; url: URL },
  fallback: () => V,
) {
  const form = await request.formData();
  const step = stepOf(form.get('step'), flow.steps);
  const intent = String(form.get('intent') ?? 'next');
  const secure = url.protocol === 'https:';
  const values = flow.read(form, step, currentValues(flow, cookies, fallback));
  const keep = (next: V) => writeDraft(cookies, flow.cookie, flow.path, next, secure);

  if (intent === 'back') {
    keep(values);
    redirect(303, `${flow.path}?step=${Math.max(1, step - 1)}`);
  }
  if (intent === 'add-language') {
    keep(values);
    const blank = languageRows(form).filter((row) => row.code === '' && row.level === '').length;
    return { step, values, blankRows: blank + 1 };
  }
  if (intent.startsWith('remove-language:')) {
    const index = Number(intent.slice('remove-language:'.length));
    const next = { ...values, languages: values.languages.filter((_, i) => i !== index) };
    keep(next);
    return { step, values: next, blankRows: 1 };
  }

  const errors = flow.check(step, values);
  if (Object.keys(errors).length > 0) return fail(400, { step, values, errors });
  keep(values);
  if (step < flow.steps) redirect(303, `${flow.path}?step=${step + 1}`);

  // The last step: the draft may have lost a step (a bookmark, an old cookie), so check all.
  for (let earlier = 1; earlier < flow.steps; earlier++) {
    const earlierErrors = flow.check(earlier, values);
    if (Object.keys(earlierErrors).length > 0) return fail(400, { step: earlier, values, errors: earlierErrors });
  }
  const saved = await flow.save(values);
  if (saved.ok) {
    clearDraft(cookies, flow.cookie, flow.path);
    redirect(303, flow.done);
  }
  const fields = fieldsOfError(saved.error);
  if ((saved.status === 400 || saved.status === 422) && fields.length > 0) {
    const field = fields[0]!;
    return fail(saved.status, {
      step: flow.stepOfField(field),
      values,
      errors: { [field === 'languages' ? 'languages.0.code' : field]: apiFieldCode(saved.error.code, field) },
      details: saved.error.details,
    });
  }
  return fail(saved.status >= 500 ? 503 : saved.status, { step, values, formError: saved.error.code });
}

function apiFieldCode(code: string, field: string): string {
  if (field === 'capacity' && code === 'RULE_BROKEN') return 'capacity_below_active';
  return 'api_field';
}
