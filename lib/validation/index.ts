// Internal: DTO validation shared by KarafkaValidationPipe (consumers) and job args.
export { DtoValidator, type DtoFailure, type DtoValidation, type DtoValidatorOptions } from './dto-validator';
export { describeDtoFailure, describeValidationErrors } from './describe-validation-errors';
export { loadValidationPackages } from './validation-packages';
export { describeKind } from './describe-kind';
