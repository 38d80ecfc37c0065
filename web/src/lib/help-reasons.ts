// Why a case was offered to a helper: the parts of the routing score (server/matching/
// help-routing.ts) in plain words. The API sends reason codes and values, never sentences.
import type { HelpScorePart } from '$lib/api/help';
import { helpTopicName } from '$lib/help-names';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { languageWithLevel } from '$lib/reference';

const PART_LABELS: Record<HelpScorePart['part'], () => string> = {
  topic: m.helpdesk_why_part_topic,
  language: m.helpdesk_why_part_language,
  duty: m.helpdesk_why_part_duty,
  role: m.helpdesk_why_part_role,
  load: m.helpdesk_why_part_load,
};

function sentence(part: HelpScorePart, locale: Locale): string {
  switch (part.reason) {
    case 'covers_topic':
      return m.helpdesk_why_covers_topic({ topic: helpTopicName(part.topic ?? '', locale) });
    case 'general_help':
      return m.helpdesk_why_general_help();
    case 'other_topic':
      return m.helpdesk_why_other_topic();
    case 'shared_language': {
      const language = languageWithLevel(part.language ?? '', part.level ?? '', locale);
      return (part.preference ?? 0) === 0
        ? m.helpdesk_why_shared_language_first({ language })
        : m.helpdesk_why_shared_language_later({ language, place: (part.preference ?? 0) + 1 });
    }
    case 'no_shared_language':
      return m.helpdesk_why_no_shared_language();
    case 'on_duty_now':
      return m.helpdesk_why_on_duty_now();
    case 'on_duty_soon':
      return m.helpdesk_why_on_duty_soon({ minutes: part.minutesUntil ?? 0 });
    case 'off_duty':
      return m.helpdesk_why_off_duty();
    case 'adviser_for_complex_case':
      return m.helpdesk_why_adviser_for_complex_case();
    case 'leader_for_complex_case':
      return m.helpdesk_why_leader_for_complex_case();
    case 'peer_leader_for_worker':
      return m.helpdesk_why_peer_leader_for_worker();
    case 'adviser_for_worker_question':
      return m.helpdesk_why_adviser_for_worker_question();
    case 'adviser_for_question':
      return m.helpdesk_why_adviser_for_question();
    case 'leader_for_question':
      return m.helpdesk_why_leader_for_question();
    case 'helper_load':
      return m.helpdesk_why_load({ load: part.load ?? 0, capacity: part.capacity ?? 0 });
    default:
      return part.reason.replaceAll('_', ' ');
  }
}

export interface HelpReason {
  part: HelpScorePart['part'];
  label: string;
  text: string;
  points: number;
  max: number;
}

export function describeHelpParts(parts: readonly HelpScorePart[], locale: Locale): HelpReason[] {
  return parts.map((part) => ({
    part: part.part,
    label: (PART_LABELS[part.part] ?? (() => part.part))(),
    text: sentence(part, locale),
    points: part.points,
    max: part.max,
  }));
}
