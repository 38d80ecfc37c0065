// Payloads shaped exactly as server/services/mentorships.ts (and the cohort job) write them.
import type { ScorePart } from '../../../server/matching/types.ts';

export const PUBLIC_URL = 'https://kaifong.example';
export const LOCALES = ['en', 'zh-Hant', 'tl', 'id'] as const;

export const PARTS: ScorePart[] = [
  { part: 'industry', points: 35, max: 35, reason: 'same_industry', industry: 'fintech' },
  {
    part: 'language',
    points: 22,
    max: 25,
    reason: 'shared_language',
    language: 'yue',
    level: 'fluent',
    bonuses: [{ reason: 'speaks_strongest_language', points: 4, language: 'yue' }],
  },
  { part: 'goals', points: 13, max: 20, reason: 'shared_goals', goals: ['job-search', 'learning-cantonese'] },
  { part: 'availability', points: 6, max: 10, reason: 'shared_slots', slots: 3, mask: 0b111 },
  { part: 'location', points: 5, max: 5, reason: 'same_district', district: 'wan-chai' },
  { part: 'experience', points: 5, max: 5, reason: 'more_senior', years: 9 },
  { part: 'load', points: -3, max: 0, reason: 'mentor_load', activeMentees: 1, capacity: 2 },
];

export const MENTORING_PAYLOADS = {
  'mentorship-requested': {
    recipientName: 'Chan Tai Man',
    menteeName: 'Maria Santos',
    message: 'Hello! I moved from Manila last month and work in payments.\nCould we meet for coffee?',
    score: 81,
    parts: PARTS,
    expiresAt: '2026-12-08T03:30:00.000Z',
    link: '/mentoring/requests/6f1d2c4e-1111-4a4a-9b9b-000000000001',
  },
  'mentorship-accepted': {
    recipientName: 'Maria Santos',
    mentorName: 'Chan Tai Man',
    mentorEmail: 'chan.taiman@example.org',
    mentorPhone: '+852 9123 4567',
    link: '/mentoring/6f1d2c4e-1111-4a4a-9b9b-000000000001',
  },
  'mentorship-declined': {
    recipientName: 'Maria Santos',
    mentorName: 'Chan Tai Man',
    reason: 'I am travelling for work until March.',
    link: '/mentors',
  },
  'mentorship-withdrawn': { recipientName: 'Chan Tai Man', menteeName: 'Maria Santos' },
  'mentorship-ended': {
    recipientName: 'Chan Tai Man',
    otherName: 'Maria Santos',
    link: '/mentoring/6f1d2c4e-1111-4a4a-9b9b-000000000001',
  },
  'mentorship-expired': {
    recipientName: 'Maria Santos',
    mentorName: 'Chan Tai Man',
    recommendations: [
      { mentorId: '6f1d2c4e-2222-4a4a-9b9b-000000000002', displayName: 'Wong Siu Ming', headline: 'Product lead at a Hong Kong fintech', score: 78 },
      { mentorId: '6f1d2c4e-3333-4a4a-9b9b-000000000003', displayName: 'Priya Nair', headline: '', score: 66.4 },
    ],
    link: '/mentors',
  },
  'account-deleted-notice': { recipientName: 'Chan Tai Man', otherName: 'Maria Santos' },
  'cohort-match-proposal': {
    recipientName: 'Chan Tai Man',
    role: 'mentor',
    otherName: 'Maria Santos',
    otherHeadline: 'Payments analyst, 3 years',
    score: 81,
    parts: PARTS,
    link: '/mentoring/requests/6f1d2c4e-1111-4a4a-9b9b-000000000001',
  },
} as const;

export type MentoringKind = keyof typeof MENTORING_PAYLOADS;
export const MENTORING_KINDS = Object.keys(MENTORING_PAYLOADS) as MentoringKind[];

/** Other shapes the same kinds arrive in: the other side of a cohort pair, empty or null fields. */
export const VARIANTS: { name: string; kind: MentoringKind; payload: Record<string, unknown> }[] = [
  {
    name: 'cohort proposal to the mentee',
    kind: 'cohort-match-proposal',
    payload: {
      ...MENTORING_PAYLOADS['cohort-match-proposal'],
      recipientName: 'Maria Santos',
      role: 'mentee',
      otherName: 'Chan Tai Man',
      otherHeadline: 'Head of payments at a Hong Kong bank',
    },
  },
  { name: 'request without a message', kind: 'mentorship-requested', payload: { ...MENTORING_PAYLOADS['mentorship-requested'], message: '   ' } },
  { name: 'accepted without a phone', kind: 'mentorship-accepted', payload: { ...MENTORING_PAYLOADS['mentorship-accepted'], mentorPhone: null } },
  { name: 'declined without a reason', kind: 'mentorship-declined', payload: { ...MENTORING_PAYLOADS['mentorship-declined'], reason: null } },
  { name: 'expired without recommendations', kind: 'mentorship-expired', payload: { ...MENTORING_PAYLOADS['mentorship-expired'], recommendations: [] } },
  { name: 'account deleted, name unknown', kind: 'account-deleted-notice', payload: { ...MENTORING_PAYLOADS['account-deleted-notice'], otherName: null } },
];
