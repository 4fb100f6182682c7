// `describe` for tests that need a service the machine may lack (PostgreSQL, Redis): skipped with the
// reason printed when it is unreachable, so `npm test` passes on a machine without it; under CI a
// failing test says why instead.
import { describe, it } from 'vitest';

/** `unreachable`: why the service cannot be reached, undefined when it can; `variable`: where to point the tests. */
export function describeIfReachable(service: string, variable: string, unreachable: string | undefined, name: string, fn: () => void): void {
  if (unreachable === undefined) {
    describe(name, fn);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it(`needs ${service} (CI runs it; set ${variable})`, () => {
        throw new Error(unreachable);
      });
    });
    return;
  }
  console.warn(`[skipped] ${name}: ${unreachable}. Set ${variable} to run these tests.`);
  describe.skip(name, fn);
}
