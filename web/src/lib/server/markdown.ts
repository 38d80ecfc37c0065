// The editor's preview renders Markdown exactly as the API will when the event is saved: the
// same function (server/services/markdown.ts: marked, then sanitize-html).
export { renderMarkdown } from '../../../../server/services/markdown';
