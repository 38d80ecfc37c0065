// The process's live help-desk inbox: one LISTEN shared by every open stream (see
// services/help-inbox.ts). Streams end before the server closes, so shutdown never waits on them.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { HelpInboxHub } from '../services/help-inbox.ts';

declare module 'fastify' {
  interface FastifyInstance {
    helpInbox: HelpInboxHub;
  }
}

export const helpInboxPlugin = fp(
  async function helpInbox(app: FastifyInstance) {
    const hub = new HelpInboxHub(
      (channel, onMessage) => app.database.listen(channel, onMessage),
      (error) => app.log.warn({ err: error }, 'help inbox listener failed'),
    );
    app.decorate('helpInbox', hub);
    app.addHook('preClose', async () => {
      await hub.close();
    });
  },
  { name: 'help-inbox', dependencies: ['runtime'] },
);
