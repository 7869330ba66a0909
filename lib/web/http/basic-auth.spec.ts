import { BasicAuthCheck } from './basic-auth';

const header = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('BasicAuthCheck', () => {
  const check = new BasicAuthCheck('ops', 'pa:ss wörd');

  it('accepts the right user and password (a password may hold colons and any character)', () => {
    expect(check.verify(header('ops:pa:ss wörd'))).toBe('ops');
  });

  it.each([
    ['a wrong password', header('ops:nope')],
    ['a wrong user', header('root:pa:ss wörd')],
    ['a password prefix', header('ops:pa')],
    ['no colon', header('ops')],
    ['another scheme', 'Bearer abc'],
    ['no header', undefined],
    ['garbage', 'Basic !!!'],
  ])('refuses %s', (_, value) => {
    expect(check.verify(value)).toBeUndefined();
  });
});
