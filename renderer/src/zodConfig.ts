import { z } from 'zod';

// zod compiles parsers with `new Function` when it may; the CSP forbids eval, so say so up
// front instead of letting the first parse probe for it (which the CSP reports as a violation).
z.config({ jitless: true });
