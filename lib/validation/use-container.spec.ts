import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import {
  useContainer,
  validate,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { KarafkaValidationPipe } from '../consumer/karafka-validation.pipe';

/** A service Nest injects into the constraint (the documented class-validator + Nest DI pattern). */
class Limits {
  readonly maxQty = 10;
}

@ValidatorConstraint({ name: 'withinLimit' })
class WithinLimit implements ValidatorConstraintInterface {
  constructor(private readonly limits?: Limits) {}
  validate(value: unknown): boolean {
    return typeof value === 'number' && value <= this.limits!.maxQty;
  }
}

@ValidatorConstraint({ name: 'notBlocked' })
class NotBlocked implements ValidatorConstraintInterface {
  constructor(private readonly blocked?: Set<string>) {}
  validate(value: unknown): boolean {
    return !this.blocked?.has(String(value));
  }
}

class CustomerDto {
  @Validate(NotBlocked)
  name!: string;
}

class OrderDto {
  @Validate(WithinLimit)
  qty!: number;
}

describe('KarafkaValidationPipe and class-validator useContainer', () => {
  afterAll(() => useContainer(undefined as never));

  it('uses the constraint instances of a container registered after the pipe was built', async () => {
    // `@Payload(new KarafkaValidationPipe(...))` is evaluated when the consumer class is declared,
    // i.e. before main.ts calls useContainer(app.select(AppModule), { fallbackOnErrors: true }).
    const pipe = new KarafkaValidationPipe({ items: OrderDto });
    const injected = new WithinLimit(new Limits());
    useContainer({ get: (cls: unknown) => (cls === WithinLimit ? injected : undefined) }, { fallback: true });

    // class-validator itself accepts the payload ...
    expect(await validate(plainToInstance(OrderDto, { qty: 3 }))).toEqual([]);
    // ... and so does the pipe, with the same constraint instance.
    await expect(pipe.transform([{ qty: 3 }])).resolves.toHaveLength(1);
  });

  it('rejects what class-validator rejects with the container-provided constraint', async () => {
    const pipe = new KarafkaValidationPipe({ items: CustomerDto });
    const injected = new NotBlocked(new Set(['mallory']));
    useContainer({ get: (cls: unknown) => (cls === NotBlocked ? injected : undefined) }, { fallback: true });

    expect(await validate(plainToInstance(CustomerDto, { name: 'mallory' }))).toHaveLength(1);
    // The compiled check calls the container's instance, with its blocklist.
    await expect(pipe.transform([{ name: 'mallory' }])).rejects.toThrow('failed validation');
  });
});
