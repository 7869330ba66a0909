import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, Min, ValidateNested } from 'class-validator';
import { KafkaJobError } from './kafka-job.error';
import { validateJobArgs } from './validate-job-args';

class Address {
  @IsEmail()
  email!: string;
}

class WelcomeArgs {
  @IsInt()
  @Min(1)
  userId!: number;

  @ValidateNested()
  @Type(() => Address)
  address!: Address;
}

async function failure(args: unknown): Promise<KafkaJobError> {
  try {
    await validateJobArgs('SendWelcome', WelcomeArgs, args);
  } catch (error) {
    return error as KafkaJobError;
  }
  throw new Error('validation passed');
}

describe('validateJobArgs', () => {
  it('passes args through untouched when the job has no DTO', async () => {
    const args = { anything: [1] };
    await expect(validateJobArgs('A', undefined, args)).resolves.toBe(args);
  });

  it('returns a DTO instance (nested ones too) when the args are valid', async () => {
    const valid = await validateJobArgs('SendWelcome', WelcomeArgs, {
      userId: 3,
      address: { email: 'a@b.co' },
    });
    expect(valid).toBeInstanceOf(WelcomeArgs);
    expect((valid as WelcomeArgs).address).toBeInstanceOf(Address);
  });

  it('names the job and every failing field, nested paths included', async () => {
    const error = await failure({ userId: 0, address: { email: 'nope' } });
    expect(error).toBeInstanceOf(KafkaJobError);
    expect(error.reason).toBe('invalid-arguments');
    expect(error.job).toBe('SendWelcome');
    expect(error.fields).toEqual(['userId', 'address.email']);
    expect(error.message).toBe(
      'Job SendWelcome: invalid arguments: userId: userId must not be less than 1; address.email: email must be an email',
    );
  });

  it('refuses args that are not an object', async () => {
    const error = await failure([1]);
    expect(error.message).toBe(
      'Job SendWelcome: arguments must be an object matching WelcomeArgs, got an array',
    );
    expect((await failure(null)).message).toContain('got null');
  });
});
