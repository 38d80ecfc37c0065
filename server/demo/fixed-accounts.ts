// The demo accounts to try each role, with ids that never change whatever the seed, so links,
// tests and the demo sign-in page can name them.
import type { Role } from '../reference/data.ts';

export interface FixedAccount {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

export const FIXED_ACCOUNTS = {
  admin: { id: '00000000-0000-4000-8000-000000000001', email: 'admin@kaifong.test', displayName: 'Grace Ho', role: 'admin' },
  organiser: { id: '00000000-0000-4000-8000-000000000002', email: 'organiser@kaifong.test', displayName: 'Olivia Tang', role: 'organiser' },
  mentor: { id: '00000000-0000-4000-8000-000000000003', email: 'mentor@kaifong.test', displayName: 'Marcus Leung', role: 'mentor' },
  migrant: { id: '00000000-0000-4000-8000-000000000004', email: 'migrant@kaifong.test', displayName: 'Hannah Price', role: 'migrant' },
  adviser: { id: '00000000-0000-4000-8000-000000000005', email: 'adviser@kaifong.test', displayName: 'Joanna Cruz', role: 'adviser' },
  leader: { id: '00000000-0000-4000-8000-000000000006', email: 'leader@kaifong.test', displayName: 'Lorna Dizon', role: 'leader' },
} as const satisfies Record<string, FixedAccount>;

export type FixedAccountKey = keyof typeof FIXED_ACCOUNTS;
