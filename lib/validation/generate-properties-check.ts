import type { PropertyPlan, RulePlan } from './dto-check-plan';
import type { DtoCheckOptions } from './validation-metadata.interface';

const NL = '\n';

/** What the generated code calls back into: the walk's state and the nested-object check. */
export interface CheckHelpers {
  state: { undecided: boolean };
  checkNested: (value: unknown) => boolean;
}

export const isCollection = (value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> =>
  Array.isArray(value) || value instanceof Set || value instanceof Map;

export const toArray = (value: unknown[] | Set<unknown> | Map<unknown, unknown>): unknown[] =>
  value instanceof Map ? [...value.values()] : Array.isArray(value) ? value : [...value];

/**
 * The properties' checks as one straight-line function, generated once per class (as ajv does for JSON
 * schemas): each property is read with a constant key and each constraint called from its own call site, where
 * a loop over plans would make every read and call megamorphic, and cost more than the constraints themselves.
 * Only constants chosen here and `JSON.stringify`-quoted property names enter the source; every function and
 * object it uses is passed in. The walk goes on after a failure, as class-validator's does: a later
 * constraint may still turn the result 'undecided' (a promise, a nested class with async constraints).
 */
export function generatePropertiesCheck(
  properties: PropertyPlan[],
  options: DtoCheckOptions,
  helpers: CheckHelpers,
): (object: object) => boolean {
  const deps: unknown[] = [];
  const dep = (value: unknown): string => {
    deps.push(value);
    return `d${deps.length - 1}`;
  };
  const state = dep(helpers.state);
  const checkNested = dep(helpers.checkNested);
  const isCollectionRef = dep(isCollection);
  const toArrayRef = dep(toArray);
  const skip = [
    options.skipUndefinedProperties === true ? 'v === undefined' : '',
    options.skipNullProperties === true ? 'v === null' : '',
    options.skipMissingProperties === true ? 'v == null' : '',
  ].filter(Boolean);

  // A verdict: a promise makes the whole result 'undecided' (validateSync would drop it), a falsy one fails.
  const verdict = (call: string) =>
    `r = ${call}; if (typeof r === 'object' && r !== null && typeof r.then === 'function') { ${state}.undecided = true; ok = false; } else if (!r) ok = false;`;
  const ruleCode = (rule: RulePlan): string => {
    const args = dep(rule.args);
    const lines = [`${args}.object = o; ${args}.value = v;`];
    for (const validator of rule.validators) {
      const call = (value: string) => `${dep(validator)}.validate(${value}, ${args})`;
      lines.push(
        rule.each
          ? `if (${isCollectionRef}(v)) { for (const x of ${toArrayRef}(v)) { ${verdict(call('x'))} } } else { ${verdict(call('v'))} }`
          : verdict(call('v')),
      );
    }
    const body = lines.join(NL);
    return rule.validateIf ? `if (${dep(rule.validateIf)}(o, v)) {${NL}${body}${NL}}` : body;
  };

  const blocks = properties.map((property, index) => {
    const label = `p${index}`;
    const lines = [`v = o[${JSON.stringify(property.name)}];`, `${label}: {`, 'let ok = true;'];
    if (property.conditions.length > 0) {
      lines.push(`if (!(${property.conditions.map((c) => `${dep(c)}(o, v)`).join(' && ')})) break ${label};`);
    }
    lines.push(...property.defined.map(ruleCode));
    if (skip.length > 0) lines.push(`if (${skip.join(' || ')}) { if (!ok) all = false; break ${label}; }`);
    lines.push(...property.rules.map(ruleCode));
    if (property.nested) {
      // With stopAtFirstError, class-validator does not go into the nested value of a property that failed.
      const guard = options.stopAtFirstError === true ? 'ok && ' : '';
      lines.push(`if (${guard}!${checkNested}(v)) ok = false;`);
    }
    lines.push('if (!ok) all = false;', `if (${state}.undecided) return false;`, '}');
    return lines.join(NL);
  });
  // Each dependency becomes a constant of the factory, so the generated code reads no array.
  const constants = deps.map((_, i) => `const d${i} = d[${i}];`);
  const source = [
    "'use strict';",
    ...constants,
    'return function checkProperties(o) {',
    'let v, r, all = true;',
    ...blocks,
    'return all;',
    '};',
  ].join(NL);
  return new Function('d', source)(deps) as (object: object) => boolean;
}
