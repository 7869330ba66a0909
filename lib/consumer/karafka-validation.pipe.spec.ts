import 'reflect-metadata';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { KarafkaValidationPipe } from './karafka-validation.pipe';
import { NonRetriableError } from './non-retriable.error';
import { PayloadValidationError } from './payload-validation.error';

class LineDto {
  @IsString()
  sku!: string;
}

class OrderDto {
  @IsInt()
  @Min(1)
  id!: number;

  @ValidateNested({ each: true })
  @Type(() => LineDto)
  lines!: LineDto[];
}

async function rejection(pipe: KarafkaValidationPipe, value: unknown): Promise<PayloadValidationError> {
  try {
    await pipe.transform(value);
  } catch (error) {
    return error as PayloadValidationError;
  }
  throw new Error('the pipe accepted the value');
}

describe('KarafkaValidationPipe', () => {
  const pipe = new KarafkaValidationPipe({ items: OrderDto });

  it('hands DTO instances (nested ones too) to consume when every payload is valid', async () => {
    const orders = (await pipe.transform([
      { id: 1, lines: [{ sku: 'a' }] },
      { id: 2, lines: [] },
    ])) as OrderDto[];
    expect(orders).toHaveLength(2);
    expect(orders[0]).toBeInstanceOf(OrderDto);
    expect(orders[0].lines[0]).toBeInstanceOf(LineDto);
    expect(orders.map((order) => order.id)).toEqual([1, 2]);
  });

  it('with transform: false, hands the payloads themselves', async () => {
    const payloads = [{ id: 1, lines: [] }];
    await expect(
      new KarafkaValidationPipe({ items: OrderDto, transform: false }).transform(payloads),
    ).resolves.toBe(payloads);
  });

  it('names every invalid payload by position, with its fields and messages, and is non-retriable', async () => {
    const error = await rejection(pipe, [
      { id: 1, lines: [] },
      { id: 0, lines: [] },
      { id: 3, lines: [{ sku: 5 }] },
      'not json',
    ]);
    expect(error).toBeInstanceOf(PayloadValidationError);
    expect(error).toBeInstanceOf(NonRetriableError);
    expect(error.dto).toBe('OrderDto');
    expect(error.batchSize).toBe(4);
    expect(error.invalidIndexes).toEqual([1, 2, 3]);
    expect(error.invalid.map((payload) => payload.fields)).toEqual([['id'], ['lines.0.sku'], []]);
    expect(error.invalid[0].messages).toEqual(['id: id must not be less than 1']);
    expect(error.invalid[2].messages).toEqual(['must be an object matching OrderDto, got a string']);
    expect(error.message).toBe(
      '3 of 4 payload(s) failed validation as OrderDto: #1: id: id must not be less than 1 | ' +
        '#2: lines.0.sku: sku must be a string | #3: must be an object matching OrderDto, got a string',
    );
  });

  it('validates a single value the same way', async () => {
    await expect(pipe.transform({ id: 7, lines: [] })).resolves.toBeInstanceOf(OrderDto);
    expect((await rejection(pipe, { id: 'x', lines: [] })).invalidIndexes).toEqual([0]);
  });

  it('strips or refuses undecorated properties like class-validator (whitelist, forbidNonWhitelisted)', async () => {
    const [stripped] = (await new KarafkaValidationPipe({ items: OrderDto, whitelist: true }).transform([
      { id: 1, lines: [], extra: true },
    ])) as object[];
    expect(stripped).toEqual({ id: 1, lines: [] });
    const strict = new KarafkaValidationPipe({
      items: OrderDto,
      whitelist: true,
      forbidNonWhitelisted: true,
    });
    expect((await rejection(strict, [{ id: 1, lines: [], extra: true }])).invalid[0].messages).toEqual([
      'extra: property extra should not exist',
    ]);
  });

  it('says which packages to install when class-transformer is missing', () => {
    jest.isolateModules(() => {
      jest.doMock('class-transformer', () => {
        throw Object.assign(new Error("Cannot find module 'class-transformer'"), {
          code: 'MODULE_NOT_FOUND',
        });
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { KarafkaValidationPipe: Isolated } = require('./karafka-validation.pipe') as {
        KarafkaValidationPipe: typeof KarafkaValidationPipe;
      };
      expect(() => new Isolated({ items: OrderDto })).toThrow(
        "KarafkaValidationPipe needs the class-validator and class-transformer packages (npm i class-validator class-transformer): Cannot find module 'class-transformer'",
      );
    });
  });

  it('refuses to be built without a DTO class, saying what it needs', () => {
    expect(() => new KarafkaValidationPipe({} as never)).toThrow(
      'KarafkaValidationPipe needs { items: DtoClass }, the class every payload is validated against; got undefined',
    );
  });
});
