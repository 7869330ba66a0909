import type { ValidationError } from 'class-validator';
import type { ClassRef, ValidationMetadataStorageLike } from './validation-metadata.interface';

/** What the library uses of class-validator and class-transformer. */
export interface ValidationPackages {
  plainToInstance(cls: ClassRef, plain: object, options?: object): object;
  validate(object: object, options?: object): Promise<ValidationError[]>;
  validateSync(object: object, options?: object): ValidationError[];
  validationStorage: ValidationMetadataStorageLike;
  /** class-transformer's decorator storage; undefined when its internal module is not where 0.5 keeps it. */
  transformerStorage: unknown;
}

let packages: ValidationPackages | undefined;

/**
 * class-validator and class-transformer are optional peers: loaded on first need (at bootstrap when a job
 * declares `args`, or when a `KarafkaValidationPipe` is built). Throws with the reason when they are missing.
 */
export function loadValidationPackages(): ValidationPackages {
  if (!packages) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const transformer = require('class-transformer') as typeof import('class-transformer');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const validator = require('class-validator') as typeof import('class-validator');
    let transformerStorage: unknown;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      transformerStorage = (require('class-transformer/cjs/storage') as { defaultMetadataStorage: unknown })
        .defaultMetadataStorage;
    } catch {
      transformerStorage = undefined;
    }
    packages = {
      plainToInstance: (cls, plain, options) =>
        transformer.plainToInstance(cls as new () => object, plain, options),
      validate: (object, options) => validator.validate(object, options),
      validateSync: (object, options) => validator.validateSync(object, options),
      validationStorage: validator.getMetadataStorage() as unknown as ValidationMetadataStorageLike,
      transformerStorage,
    };
  }
  return packages;
}
