import {
  CONSOLE_SEPARATORS,
  consoleConsumerProperties,
  parseConsoleConsumerOutput,
  parseKcatJsonLines,
  sortByPosition,
} from '../../support/peer-output';

const { field: F, record: R, header: H, nullLiteral: NULL } = CONSOLE_SEPARATORS;

describe('parseKcatJsonLines', () => {
  it('maps kcat -J records, keeping null keys/values and repeated headers', () => {
    const output = [
      '{"topic":"t","partition":1,"offset":7,"tstype":"create","ts":1,"broker":1,"headers":["h1","v1","multi","x","multi","y"],"key":"k1","payload":"héllo\\tworld\\nline2"}',
      '{"topic":"t","partition":0,"offset":0,"tstype":"create","ts":1,"broker":1,"key":null,"payload":null}',
      '',
    ].join('\n');
    expect(parseKcatJsonLines(output)).toEqual([
      {
        partition: 1,
        offset: '7',
        key: 'k1',
        value: 'héllo\tworld\nline2',
        headers: { h1: 'v1', multi: ['x', 'y'] },
      },
      { partition: 0, offset: '0', key: null, value: null, headers: {} },
    ]);
  });

  it('names the line that is not JSON', () => {
    expect(() => parseKcatJsonLines('{"partition":0}\n% ERROR: broker down')).toThrow(
      'kcat output line 2 is not JSON: % ERROR: broker down',
    );
  });
});

describe('parseConsoleConsumerOutput', () => {
  it('reads partition, offset, headers, key and value printed with consoleConsumerProperties()', () => {
    const output =
      `Partition:0${F}Offset:0${F}NO_HEADERS${F}${NULL}${F}${NULL}${R}` +
      `Partition:1${F}Offset:12${F}h1:v1${H}h,2:a:b${H}multi:x${H}multi:y${F}k1${F}tab\there${F}still value${R}`;
    expect(parseConsoleConsumerOutput(output)).toEqual([
      { partition: 0, offset: '0', key: null, value: null, headers: {} },
      {
        partition: 1,
        offset: '12',
        key: 'k1',
        value: `tab\there${F}still value`,
        headers: { h1: 'v1', 'h,2': 'a:b', multi: ['x', 'y'] },
      },
    ]);
  });

  it('keeps empty strings apart from null', () => {
    expect(parseConsoleConsumerOutput(`Partition:0${F}Offset:3${F}NO_HEADERS${F}${F}${R}`)).toEqual([
      { partition: 0, offset: '3', key: '', value: '', headers: {} },
    ]);
  });

  it('rejects output it does not understand instead of guessing', () => {
    expect(() => parseConsoleConsumerOutput(`Partition:0${F}Offset:3${R}`)).toThrow('unexpected record');
    expect(() => parseConsoleConsumerOutput(`P0${F}Offset:3${F}NO_HEADERS${F}k${F}v${R}`)).toThrow(
      "where 'Partition:<n>' was expected",
    );
  });

  it('is what consoleConsumerProperties() asks the console consumer to print', () => {
    const properties = consoleConsumerProperties();
    expect(properties.filter((arg) => arg === '--property')).toHaveLength(properties.length / 2);
    expect(properties).toEqual(
      expect.arrayContaining([
        `key.separator=${F}`,
        `line.separator=${R}`,
        `headers.separator=${H}`,
        `null.literal=${NULL}`,
      ]),
    );
  });
});

describe('sortByPosition', () => {
  it('orders by partition, then numerically by offset', () => {
    const at = (partition: number, offset: string) => ({
      partition,
      offset,
      key: null,
      value: null,
      headers: {},
    });
    expect(sortByPosition([at(1, '2'), at(0, '10'), at(0, '9'), at(1, '1')])).toEqual([
      at(0, '9'),
      at(0, '10'),
      at(1, '1'),
      at(1, '2'),
    ]);
  });
});
