/** A command's action, checked against the command's actions; throws an Error naming them. */
export function oneOf<T extends string>(
  command: string,
  actions: readonly T[],
  action: string | undefined,
): T {
  if (!actions.includes(action as T)) {
    throw new Error(
      `'${command}' needs ${actions.length === 1 ? `'${actions[0]}'` : `one of ${actions.join(', ')}`}` +
        `${action === undefined ? '' : `, got '${action}'`}`,
    );
  }
  return action as T;
}
