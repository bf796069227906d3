export { seededRandom } from '../../adapters/history/records.js';

/** The seed a test uses: `variable` from the environment, else a fresh random one. */
export function seedFrom(variable: string): number {
  const given = process.env[variable];
  return given === undefined || given === '' ? Math.floor(Math.random() * 2 ** 31) : Number(given);
}
