// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SignedInUser } from '$lib/api/types';
import type { Locale } from '$lib/paraglide/runtime';
import type { InjectApiRequest } from '$lib/server/api-fetch';

declare global {
  namespace App {
    interface Locals {
      /** The UI language of this request, chosen in hooks.server.ts. */
      locale: Locale;
      /** The signed-in person (GET /api/me), or null. */
      user: SignedInUser | null;
    }
    interface PageData {
      /** From the root layout: every page knows who is reading. */
      user: SignedInUser | null;
    }
  }

  /** Set by server/plugins/web.ts when the web app runs inside the Fastify server. */
  var __kaifongInject: InjectApiRequest | undefined;
}

export {};
