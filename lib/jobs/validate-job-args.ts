import type { Type } from '@nestjs/common';
import { describeDtoFailure } from '../validation/describe-validation-errors';
import { DtoValidator } from '../validation/dto-validator';
import { KafkaJobError } from './kafka-job.error';
import { JOBS_MESSAGES as M } from './jobs.messages';

const validators = new WeakMap<Type<object>, DtoValidator>();

function validatorFor(dto: Type<object>): DtoValidator {
  let validator = validators.get(dto);
  if (!validator) {
    validator = new DtoValidator(dto);
    validators.set(dto, validator);
  }
  return validator;
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
  const {
    instances: [instance],
    failures: [failure],
  } = await validatorFor(dto).validateAll([args]);
  if (failure) {
    const { messages, fields } = describeDtoFailure(failure, dto.name);
    throw new KafkaJobError(M.invalidArguments(job, messages), 'invalid-arguments', job, fields);
  }
  return instance;
}
