/**
 * The pages' only way to make HTML: a tagged template whose interpolations are escaped unless they are
 * `SafeHtml` themselves (made by `html` again). Everything from Kafka (payloads, keys, headers, topic names,
 * error messages) is untrusted, so escaping is the default and there is no way to interpolate raw text.
 */
export class SafeHtml {
  constructor(private readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/** What a template may interpolate: text (escaped), numbers, markup, lists of those; nothing for null/false. */
export type HtmlValue =
  SafeHtml | string | number | bigint | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Text safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => ENTITIES[char]);
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0];
  for (let index = 0; index < values.length; index++) markup += render(values[index]) + strings[index + 1];
  return new SafeHtml(markup);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  // `cond && html`...``: false renders nothing, as null and undefined do.
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}
