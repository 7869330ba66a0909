import type { Type } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { KafkaJobError } from './kafka-job.error';
import { JOBS_MESSAGES as M } from './jobs.messages';

interface ValidationPackages {
  plainToInstance: (cls: Type<object>, plain: object) => object;
  validate: (object: object) => Promise<ValidationError[]>;
}

let packages: ValidationPackages | undefined;

/**
 * class-validator and class-transformer are optional peers: loaded on first need, i.e. at bootstrap when a job
 * declares `args`. Throws with the reason when they are not installed.
 */
export function loadValidationPackages(): ValidationPackages {
  if (!packages) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { plainToInstance } = require('class-transformer') as typeof import('class-transformer');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { validate } = require('class-validator') as typeof import('class-validator');
    packages = {
      plainToInstance: (cls, plain) => plainToInstance(cls, plain),
      validate: (object) => validate(object),
    };
  }
  return packages;
}

/** `constraint messages` per dotted path, nested DTOs and arrays included. */
export function describeValidationErrors(
  errors: readonly ValidationError[],
  prefix = '',
): Array<{ field: string; text: string }> {
  return errors.flatMap((error) => {
    const field = `${prefix}${error.property}`;
    const own = error.constraints
      ? [{ field, text: `${field}: ${Object.values(error.constraints).join(', ')}` }]
      : [];
    return [...own, ...describeValidationErrors(error.children ?? [], `${field}.`)];
  });
}

/**
 * The args a job's `perform` gets: without a DTO, `args` itself; with one, an instance of it that passed
 * validation. Throws a `KafkaJobError` (`invalid-arguments`) naming the job and every failing field.
 */
export async function validateJobArgs(
  job: string,
  dto: Type<object> | undefined,
  args: unknown,
): Promise<unknown> {
  if (!dto) return args;
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new KafkaJobError(M.argsNotAnObject(job, dto.name, args), 'invalid-arguments', job);
  }
  const { plainToInstance, validate } = loadValidationPackages();
  const instance = plainToInstance(dto, args);
  const failures = describeValidationErrors(await validate(instance));
  if (failures.length > 0) {
    throw new KafkaJobError(
      M.invalidArguments(
        job,
        failures.map((f) => f.text),
      ),
      'invalid-arguments',
      job,
      [...new Set(failures.map((f) => f.field))],
    );
  }
  return instance;
}
