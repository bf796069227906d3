// Node's `require` (how the built engine loads its validation on first need) cannot load the
// TypeScript sources the unit tests run, so they get the validation up front; the built package's
// own lazy load is tested in tests/core/library-dist.test.ts.
import { parseLibraryTask } from '../../electron/core/library-validation.js';
import { provideLibraryValidation } from '../../electron/core/library-validation-loader.js';

provideLibraryValidation(parseLibraryTask);
