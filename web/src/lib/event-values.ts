// The event editor's values as typed (strings until saved), shared by the form and its checks.
export interface EventValues {
  title: string;
  summary: string;
  descriptionMd: string;
  category: string;
  industries: string[];
  languages: string[];
  districtCode: string;
  venue: string;
  onlineUrl: string;
  /** YYYY-MM-DDTHH:MM, Hong Kong time. */
  startsAt: string;
  endsAt: string;
  capacity: string;
}

export const EVENT_LIMITS = { title: 140, summary: 300, descriptionMd: 20_000, venue: 200, onlineUrl: 500, capacity: 100_000 };

export function blankEvent(): EventValues {
  return {
    title: '',
    summary: '',
    descriptionMd: '',
    category: '',
    industries: [],
    languages: [],
    districtCode: '',
    venue: '',
    onlineUrl: '',
    startsAt: '',
    endsAt: '',
    capacity: '',
  };
}

