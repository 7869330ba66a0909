import {
  KAFKA_JOB_HEADERS,
  createJobEnvelope,
  decodeJobEnvelope,
  encodeJobEnvelope,
  jobHeaders,
} from './job-envelope';

const now = new Date('2030-01-02T03:04:05.678Z');

describe('job envelope', () => {
  it('round-trips name, id, args and dates through JSON, as the JSON deserializer hands it over', () => {
    const envelope = createJobEnvelope(
      'SendMail',
      { to: 'a@b.c', tags: [1, 2] },
      now,
      new Date('2030-01-02T04:00:00Z'),
    );
    const wire = encodeJobEnvelope(envelope);
    expect(JSON.parse(wire)).toEqual({
      job: 'SendMail',
      id: envelope.id,
      args: { to: 'a@b.c', tags: [1, 2] },
      enqueuedAt: '2030-01-02T03:04:05.678Z',
      performAt: '2030-01-02T04:00:00.000Z',
    });
    expect(decodeJobEnvelope(JSON.parse(wire))).toEqual({
      envelope: JSON.parse(wire),
      enqueuedAt: now,
      performAt: Date.parse('2030-01-02T04:00:00Z'),
    });
  });

  it('gives every job its own id and leaves performAt out for immediate jobs', () => {
    const a = createJobEnvelope('A', undefined, now);
    const b = createJobEnvelope('A', undefined, now);
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.id).not.toBe(b.id);
    expect(JSON.parse(encodeJobEnvelope(a))).toEqual({ job: 'A', id: a.id, enqueuedAt: now.toISOString() });
    expect(decodeJobEnvelope(JSON.parse(encodeJobEnvelope(a)))).not.toHaveProperty('performAt');
  });

  it('names the job in headers', () => {
    const envelope = createJobEnvelope('SendMail', {}, now, new Date('2030-01-02T04:00:00Z'));
    expect(jobHeaders(envelope)).toEqual({
      [KAFKA_JOB_HEADERS.name]: 'SendMail',
      [KAFKA_JOB_HEADERS.id]: envelope.id,
      [KAFKA_JOB_HEADERS.performAt]: '2030-01-02T04:00:00.000Z',
    });
    expect(jobHeaders(createJobEnvelope('A', {}, now))).not.toHaveProperty(KAFKA_JOB_HEADERS.performAt);
  });

  it('says what is wrong with a message that is not an envelope', () => {
    const valid = { job: 'A', id: 'x', enqueuedAt: now.toISOString() };
    expect(decodeJobEnvelope(Buffer.from('not json'))).toBe('the value is not JSON');
    expect(decodeJobEnvelope(null)).toBe('the value is null');
    expect(decodeJobEnvelope([valid])).toBe('the value is not a JSON object');
    expect(decodeJobEnvelope({ ...valid, job: '' })).toBe(`'job' must be a non-empty string, got ""`);
    expect(decodeJobEnvelope({ ...valid, id: 3 })).toBe(`'id' must be a non-empty string, got 3`);
    expect(decodeJobEnvelope({ ...valid, enqueuedAt: 'yesterday' })).toBe(
      `'enqueuedAt' must be an ISO date, got "yesterday"`,
    );
    expect(decodeJobEnvelope({ ...valid, performAt: 5 })).toBe(`'performAt' must be an ISO date, got 5`);
  });
});
