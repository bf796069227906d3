/** Reads a child's positional argument `index` as a positive integer, or fails naming it. */
export function intArg(index: number, name: string): number {
  const text = process.argv[2 + index];
  const value = Number(text);
  if (text === undefined || !Number.isInteger(value) || value <= 0) {
    throw new Error(
      `${name} (argument ${index + 1}) must be a positive integer, got ${text ?? 'nothing'}`,
    );
  }
  return value;
}

/** Reads a child's positional argument `index`, which must be one of `choices`. */
export function choiceArg<C extends string>(index: number, name: string, choices: readonly C[]): C {
  const text = process.argv[2 + index];
  const choice = choices.find((candidate) => candidate === text);
  if (choice === undefined) {
    throw new Error(
      `${name} (argument ${index + 1}) must be one of ${choices.join(', ')}, got ${text ?? 'nothing'}`,
    );
  }
  return choice;
}
