import { escapeHtml, html, SafeHtml } from './html';

describe('html``', () => {
  it('escapes interpolated text, so markup from Kafka stays text', () => {
    const payload = '<script>alert(1)</script><img src=x onerror="alert(2)">';
    const out = html`<td>${payload}</td>`.toString();
    expect(out).toBe(
      '<td>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;</td>',
    );
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
  });

  it('escapes quotes, so a value cannot leave its attribute', () => {
    const topic = `x" onmouseover='alert(1)' data-x="`;
    const out = html`<a title="${topic}">t</a>`.toString();
    expect(out).toBe('<a title="x&quot; onmouseover=&#39;alert(1)&#39; data-x=&quot;">t</a>');
  });

  it('keeps markup made by html`` and joins lists', () => {
    const rows = ['a<b', 'c'].map((cell) => html`<li>${cell}</li>`);
    // (Prettier lays html`` templates out as HTML: compare without the whitespace between tags.)
    const list = html`<ul>
      ${rows}
    </ul>`.toString();
    expect(list.replace(/>\s+</g, '><')).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
  });

  it('renders nothing for null, undefined and false, and numbers as text', () => {
    expect(html`${null}${undefined}${false}|${0}|${12n}|${true}`.toString()).toBe('|0|12|true');
  });

  it('never trusts a string that looks like markup, only SafeHtml', () => {
    const forged = { toString: () => '<b>' } as unknown as string;
    expect(html`${forged}`.toString()).toBe('&lt;b&gt;');
    expect(html`${new SafeHtml('<b>')}`.toString()).toBe('<b>');
  });

  it('escapeHtml covers every character that opens markup or closes an attribute', () => {
    expect(escapeHtml(`&<>"'\``)).toBe('&amp;&lt;&gt;&quot;&#39;&#96;');
  });
});
