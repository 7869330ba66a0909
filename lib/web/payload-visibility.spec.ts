import { payloadVisibility } from './payload-visibility';

describe('payloadVisibility', () => {
  it('shows every payload without patterns or hook', () => {
    expect(payloadVisibility([])('primary', 'orders')).toBe(true);
  });

  it("masks topics matching a pattern on every cluster, or on the one named before ':'", () => {
    const visible = payloadVisibility(['pii.*', 'secondary:audit', 'sec*:raw.*.v1']);
    expect(visible('primary', 'pii.users')).toBe(false);
    expect(visible('secondary', 'pii.')).toBe(false);
    expect(visible('primary', 'xpii.users')).toBe(true);
    expect(visible('secondary', 'audit')).toBe(false);
    expect(visible('primary', 'audit')).toBe(true);
    expect(visible('secondary', 'audit.v2')).toBe(true);
    expect(visible('secondary', 'raw.a.b.v1')).toBe(false);
    expect(visible('primary', 'raw.a.v1')).toBe(true);
  });

  it('takes dots in a pattern literally', () => {
    expect(payloadVisibility(['pii.users'])('primary', 'piiXusers')).toBe(true);
  });

  it('asks the hook for topics no pattern masks; a hook that throws masks', () => {
    const asked: string[] = [];
    const visible = payloadVisibility(['pii.*'], ({ cluster, topic }) => {
      asked.push(`${cluster}/${topic}`);
      if (topic === 'boom') throw new Error('no');
      return cluster !== 'secondary';
    });
    expect(visible('primary', 'orders')).toBe(true);
    expect(visible('secondary', 'orders')).toBe(false);
    expect(visible('primary', 'pii.x')).toBe(false);
    expect(visible('primary', 'boom')).toBe(false);
    expect(asked).toEqual(['primary/orders', 'secondary/orders', 'primary/boom']);
  });
});
