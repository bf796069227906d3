import { describe, expect, it } from 'vitest';
import { taskDocumentSchema } from '../../shared/schemas/task.js';
import { fieldName } from '../../renderer/editor/field-names.js';

describe('the editor names every field the service can refuse', () => {
  it.each(Object.keys(taskDocumentSchema.shape))('%s has words, not its raw key', (key) => {
    expect(fieldName(key)).not.toBe(key);
    expect(fieldName(`${key}.inner`)).toBe(fieldName(key));
  });

  it('names a trigger by its number and an action part by what it is', () => {
    expect(fieldName('triggers.2.expression')).toBe('Trigger 3');
    expect(fieldName('action.env')).toBe('Environment');
    expect(fieldName('action')).toBe('Command');
    expect(fieldName('dst.gap')).toBe('Daylight saving');
  });
});
