// Every test run checks every Core answer against the contract's output schema, whichever
// door it came through: core.invoke, the CLI (a child process inherits the variable), the
// e2e harness, or the renderer over a real Core. The Core throws a ContractViolation on a
// mismatch; a door may turn that into an error Result the test never looks at, so each test
// also fails afterwards if any answer broke the contract in this process.
import { afterEach } from 'vitest';
import { takeContractViolations } from '../../electron/core/outputCheck';

process.env.CASEFILE_CHECK_OUTPUTS = '1';

afterEach(() => {
  const violations = takeContractViolations();
  if (violations.length) throw new Error(violations.map((v) => v.message).join('\n'));
});
