import { hexDump, viewPayload } from './payload-view';

describe('viewPayload', () => {
  it('pretty-prints a JSON object or array', () => {
    expect(viewPayload(Buffer.from('{"id":1,"tags":["a"]}'), 1000)).toEqual({
      kind: 'json',
      text: '{\n  "id": 1,\n  "tags": [\n    "a"\n  ]\n}',
      bytes: 21,
      truncated: false,
    });
  });

  it('shows UTF-8 that is not a JSON object as text, as is', () => {
    expect(viewPayload(Buffer.from('héllo\n{not json'), 1000)).toMatchObject({
      kind: 'text',
      text: 'héllo\n{not json',
    });
    expect(viewPayload(Buffer.from('42'), 1000)).toMatchObject({ kind: 'text', text: '42' });
  });

  it('dumps bytes that are not UTF-8 text, or hold control characters, as hex', () => {
    const view = viewPayload(Buffer.from([0xff, 0x00, 0x41]), 1000);
    expect(view).toEqual({
      kind: 'binary',
      text: '00000000  ff 00 41' + ' '.repeat(41) + '..A',
      bytes: 3,
      truncated: false,
    });
    expect(viewPayload(Buffer.from('a\u0000b'), 1000).kind).toBe('binary');
  });

  it('a null value is a tombstone', () => {
    expect(viewPayload(null, 10)).toEqual({ kind: 'null', text: '', bytes: 0, truncated: false });
  });

  it('cuts text at the limit and says so', () => {
    const view = viewPayload(Buffer.from('x'.repeat(100)), 10);
    expect(view).toEqual({ kind: 'text', text: 'x'.repeat(10), bytes: 100, truncated: true });
    expect(viewPayload(Buffer.from('x'.repeat(10)), 10).truncated).toBe(false);
  });

  it('dumps only as many binary bytes as the limit can show', () => {
    const view = viewPayload(Buffer.alloc(10_000, 0xfe), 67 * 4);
    expect(view.text.split('\n')).toHaveLength(4);
    expect(view.truncated).toBe(true);
  });
});

describe('hexDump', () => {
  it('writes 16 bytes a line with their offset and printable ASCII', () => {
    const lines = hexDump(Buffer.from('0123456789abcdefXY')).split('\n');
    expect(lines).toEqual([
      '00000000  30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66  0123456789abcdef',
      '00000010  58 59' + ' '.repeat(44) + 'XY',
    ]);
  });
});
