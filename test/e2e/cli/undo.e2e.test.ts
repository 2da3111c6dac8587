import { describeUndo } from './describe-undo.js';

describeUndo(100);
