import { DriverError } from '../driver/driver-error';
import { describeAccessFailure, isAccessFailure, principalOf } from './access-failure';

const failure = (kind: DriverError['kind'], type?: string) =>
  new DriverError('broker said no', { kind, retriable: false, type });

describe('access failures', () => {
  it('names the SASL principal, never the password', () => {
    expect(
      principalOf({
        brokers: ['a:1'],
        clientId: 'c',
        ssl: false,
        sasl: { mechanism: 'plain', username: 'app', password: 'x' },
      }),
    ).toBe('User:app');
    expect(principalOf({ brokers: ['a:1'], clientId: 'c', ssl: false })).toBeUndefined();
  });

  it('tells credentials, rights and certificates from everything else', () => {
    expect(isAccessFailure(failure('authentication'))).toBe(true);
    expect(isAccessFailure(failure('authorization'))).toBe(true);
    expect(isAccessFailure(failure('certificate'))).toBe(true);
    expect(isAccessFailure(failure('connection-refused'))).toBe(false);
    expect(isAccessFailure(new Error('plain'))).toBe(false);
  });

  it('says what each means and who was refused', () => {
    expect(describeAccessFailure(failure('authentication'), 'User:app')).toBe(
      'authentication failed as User:app',
    );
    expect(describeAccessFailure(failure('authorization', 'TOPIC_AUTHORIZATION_FAILED'), 'User:app')).toBe(
      "not authorized: User:app may not use the topic (check the cluster's ACLs)",
    );
    expect(
      describeAccessFailure(failure('authorization', 'GROUP_AUTHORIZATION_FAILED'), undefined),
    ).toContain('the anonymous principal (no SASL user is configured) may not use the consumer group');
    expect(describeAccessFailure(failure('certificate'), 'User:app')).toContain(
      'TLS certificate was refused',
    );
  });
});
