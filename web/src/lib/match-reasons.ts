// A match score's parts in plain words in the reader's language. The API sends reason codes
// and values (server/matching/types.ts), never sentences.
import type { ScorePart } from '$lib/api/types';
import { slotName, slotsOfMask } from '$lib/availability';
import { formatList } from '$lib/locales';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { districtName, goalName, industryGroupName, industryName, languageName, languageWithLevel, regionName } from '$lib/reference';

/** Who reads the reasons: the mentee about a mentor, or the mentor about a request. */
export type Viewer = 'mentee' | 'mentor';

export interface ReasonText {
  part: ScorePart['part'];
  /** "Industry", "Languages"… */
  label: string;
  /** "Same industry: Fintech" */
  text: string;
  /** Extra lines, e.g. the language bonuses. */
  extras: string[];
  points: number;
  max: number;
  /** The part counted for the match (points above zero), for emphasis. */
  positive: boolean;
}

const PART_LABELS: Record<ScorePart['part'], () => string> = {
  industry: m.why_part_industry,
  language: m.why_part_language,
  goals: m.why_part_goals,
  availability: m.why_part_availability,
  location: m.why_part_location,
  experience: m.why_part_experience,
  load: m.why_part_load,
};

function bonusText(bonus: { reason: string; language: string }, viewer: Viewer, locale: Locale): string | undefined {
  const language = languageName(bonus.language, locale);
  switch (bonus.reason) {
    case 'speaks_strongest_language':
      return viewer === 'mentee' ? m.why_bonus_strongest_mentee({ language }) : m.why_bonus_strongest_mentor({ language });
    case 'native_cantonese_for_learner':
      return viewer === 'mentee' ? m.why_bonus_cantonese_mentee() : m.why_bonus_cantonese_mentor();
    default:
      return undefined;
  }
}

function reasonSentence(part: ScorePart, viewer: Viewer, locale: Locale): string {
  const list = (codes: string[] | undefined, name: (code: string, locale: Locale) => string) =>
    formatList((codes ?? []).map((code) => name(code, locale)), locale);
  switch (part.reason) {
    case 'same_industry':
      return m.why_same_industry({ industry: industryName(part.industry ?? '', locale) });
    case 'mentor_expertise':
      return viewer === 'mentee'
        ? m.why_mentor_expertise_mentee({ industry: industryName(part.industry ?? '', locale) })
        : m.why_mentor_expertise_mentor({ industry: industryName(part.industry ?? '', locale) });
    case 'same_group':
      return m.why_same_group({ group: industryGroupName(part.group ?? '', locale) });
    case 'different_industry':
      return m.why_different_industry();
    case 'shared_language':
      return m.why_shared_language({ language: languageWithLevel(part.language ?? '', part.level ?? '', locale) });
    case 'shared_goals':
      return viewer === 'mentee'
        ? m.why_shared_goals_mentee({ goals: list(part.goals, goalName) })
        : m.why_shared_goals_mentor({ goals: list(part.goals, goalName) });
    case 'no_shared_goals':
      return m.why_no_shared_goals();
    case 'shared_slots': {
      const slots = slotsOfMask(part.mask ?? 0).map((slot) => slotName(slot, locale));
      return slots.length > 0 ? m.why_shared_slots({ slots: formatList(slots, locale) }) : m.why_shared_slots_count({ count: part.slots ?? 0 });
    }
    case 'no_shared_slots':
      return m.why_no_shared_slots();
    case 'same_district':
      return m.why_same_district({ district: districtName(part.district ?? '', locale) });
    case 'same_region':
      return m.why_same_region({ region: regionName(part.region ?? '', locale) });
    case 'video_offered':
      return m.why_video_offered();
    case 'no_location_match':
      return m.why_no_location_match();
    case 'more_senior':
      return viewer === 'mentee' ? m.why_more_senior_mentee({ years: part.years ?? 0 }) : m.why_more_senior_mentor({ years: part.years ?? 0 });
    case 'not_more_senior':
      return m.why_not_more_senior();
    case 'mentor_load': {
      const values = { active: part.activeMentees ?? 0, capacity: part.capacity ?? 0 };
      if (values.active === 0) return viewer === 'mentee' ? m.why_load_free_mentee() : m.why_load_free_mentor();
      return viewer === 'mentee' ? m.why_load_mentee(values) : m.why_load_mentor(values);
    }
    default:
      return part.reason.replaceAll('_', ' ');
  }
}

export function describeParts(parts: readonly ScorePart[], viewer: Viewer, locale: Locale): ReasonText[] {
  return parts.map((part) => ({
    part: part.part,
    label: (PART_LABELS[part.part] ?? (() => part.part))(),
    text: reasonSentence(part, viewer, locale),
    extras: (part.bonuses ?? []).map((bonus) => bonusText(bonus, viewer, locale)).filter((text): text is string => !!text),
    points: part.points,
    max: part.max,
    positive: part.points > 0,
  }));
}

/** The strongest reasons, for a one-line summary on a card. */
export function topReasons(parts: readonly ScorePart[], viewer: Viewer, locale: Locale, count = 3): string[] {
  return describeParts(parts, viewer, locale)
    .filter((reason) => reason.positive && reason.part !== 'load')
    .sort((a, b) => b.points - a.points)
    .slice(0, count)
    .map((reason) => reason.text);
}
