import { describeUndo } from './describe-undo.js';

// The acceptance run of issue 14: a 500-client migration taken back (npm run test:chaos).
describeUndo(500);
