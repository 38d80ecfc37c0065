// Mounts the SvelteKit app (adapter-node's build/handler.js) on every request Fastify does
// not own itself (/api, /dev, /admin/queues), and lets the app's server loads call /api in
// process through app.inject instead of over the network.
//
// Encapsulated on purpose (no fastify-plugin): removing the content-type parsers here leaves
// the API's JSON parsing alone, while SvelteKit gets request bodies unread (form actions).
// adapter-node's BODY_SIZE_LIMIT (512 KB by default) then applies to web requests.
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyPluginAsync, HTTPMethods } from 'fastify';

export interface WebPluginOptions {
  /** adapter-node's output folder (web/build). */
  buildDir: string;
  /**
   * Where people reach the app (config.publicUrl); only logged. The origin SvelteKit checks
   * form posts against is taken from each request (see below), so the app also works when
   * opened as http://127.0.0.1:3000 or on a LAN address from a phone.
   */
  publicUrl?: string;
}

export interface InjectContext {
  /** The reader's IP address, so rate limits and logs see the real client. */
  clientAddress?: string;
}

/** How web/src/hooks.server.ts answers event.fetch('/api/...') inside this process. */
export type InjectApiRequest = (request: Request, context?: InjectContext) => Promise<Response>;

declare global {
  var __kaifongInject: InjectApiRequest | undefined;
}

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** Paths Fastify answers itself, also when no route matches (JSON 404, never a web page). */
const SERVER_PATHS = /^\/(api|dev|admin\/queues)(\/|\?|$)/;

const WEB_METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

// adapter-node builds each request's URL from headers named by these variables (read once,
// when handler.js is imported). We fill them from Fastify's view of the request, so proxy
// trust is decided in one place (Fastify's trustProxy) and the origin matches whatever
// address the browser used: SvelteKit rejects a form POST whose Origin header differs
// (403 "Cross-site POST form submissions are forbidden"). Setting ORIGIN pins one origin
// instead; adapter-node then ignores these headers.
const FORWARDED = {
  protocol: { variable: 'PROTOCOL_HEADER', header: 'x-kaifong-forwarded-proto' },
  host: { variable: 'HOST_HEADER', header: 'x-kaifong-forwarded-host' },
  address: { variable: 'ADDRESS_HEADER', header: 'x-kaifong-client-address' },
} as const;

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

export const webPlugin: FastifyPluginAsync<WebPluginOptions> = async (app, options) => {
  const handlerFile = path.resolve(options.buildDir, 'handler.js');
  if (!fs.existsSync(handlerFile)) {
    app.log.warn(`No web build at ${handlerFile}: pages answer 503 until \`npm run build\` has run.`);
    app.get('/*', async (request, reply) => {
      if (SERVER_PATHS.test(request.url)) return reply.callNotFound();
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The Kaifong web app is not built yet. Run `npm run build` (or `npm start`, which builds it) and reload.');
    });
    return;
  }

  for (const { variable, header } of Object.values(FORWARDED)) process.env[variable] = header;
  const { handler } = (await import(pathToFileURL(handlerFile).href)) as { handler: NodeHandler };

  installInjectBridge(app);

  app.removeAllContentTypeParsers();
  // Leave every body unread: SvelteKit reads the raw stream itself.
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  app.route({
    method: WEB_METHODS,
    url: '/*',
    exposeHeadRoute: false,
    handler: async (request, reply) => {
      if (SERVER_PATHS.test(request.url)) return reply.callNotFound();

      const raw = request.raw;
      // Always overwritten, so a client cannot choose these values.
      raw.headers[FORWARDED.protocol.header] = request.protocol;
      raw.headers[FORWARDED.host.header] = request.host;
      raw.headers[FORWARDED.address.header] = request.ip;

      reply.hijack();
      handler(raw, reply.raw, (error) => {
        // adapter-node's last handler renders every path, so this runs only on a failure.
        if (error) request.log.error({ err: error }, 'web handler failed');
        if (!reply.raw.headersSent) {
          reply.raw.writeHead(error ? 500 : 404, { 'content-type': 'text/plain; charset=utf-8' });
        }
        reply.raw.end(error ? 'Something went wrong on our side. Please try again.' : 'Not found');
      });
    },
  });

  if (options.publicUrl) app.log.debug(`web app mounted for ${options.publicUrl}`);
};

/**
 * Lets the web app's server loads call the API without a network hop: hooks.server.ts's
 * handleFetch hands same-origin /api requests to globalThis.__kaifongInject. One app per
 * process owns it (the last one registered); it is cleared when that app closes.
 */
function installInjectBridge(app: FastifyInstance): void {
  const inject: InjectApiRequest = async (request, context = {}) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      if (name !== 'content-length') headers[name] = value;
    });
    headers.host = url.host;
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';

    const response = await app.inject({
      method: request.method as HTTPMethods,
      url: url.pathname + url.search,
      headers,
      ...(hasBody ? { payload: Buffer.from(await request.arrayBuffer()) } : {}),
      ...(context.clientAddress ? { remoteAddress: context.clientAddress } : {}),
    });

    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name)) continue;
      for (const item of Array.isArray(value) ? value : [value]) responseHeaders.append(name, String(item));
    }
    const noBody = request.method === 'HEAD' || [101, 204, 205, 304].includes(response.statusCode);
    return new Response(noBody ? null : new Uint8Array(response.rawPayload), {
      status: response.statusCode,
      statusText: response.statusMessage,
      headers: responseHeaders,
    });
  };

  globalThis.__kaifongInject = inject;
  app.addHook('onClose', async () => {
    if (globalThis.__kaifongInject === inject) globalThis.__kaifongInject = undefined;
  });
}
