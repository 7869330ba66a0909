/** What the Web UI e2e specs read pages with: the basic-auth header of their `ops` user, and a page's text. */
export const WEB_AUTH = { authorization: `Basic ${Buffer.from('ops:s3cret').toString('base64')}` };

/** A page's markup as the text a reader sees: tags dropped, whitespace collapsed and trimmed. */
export const textOf = (markup: string): string =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
