import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/*
 * One scratch directory for the whole test run. Tests, the built CLI they start and the simulators
 * make their state databases, reports and sample files under os.tmpdir(); pointing TMPDIR here keeps
 * them together and removes them when the run ends, instead of leaving thousands of directories of
 * sample customer data in /tmp. KEEP_TEST_TMP=1 keeps it for a post-mortem.
 *
 * Mode 0711, not mkdtemp's 0700: when the tests run as root, the throwaway PostgreSQL server runs as
 * the postgres user and must reach its data directory in here. Others can pass through, not list.
 */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'client-sync-tests-'));
  chmodSync(root, 0o711);
  process.env.TMPDIR = root;
  return () => {
    if (process.env.KEEP_TEST_TMP === '1') {
      process.stderr.write(`test scratch kept: ${root}\n`);
      return;
    }
    rmSync(root, { recursive: true, force: true });
  };
}
