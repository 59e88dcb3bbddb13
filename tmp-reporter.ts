import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';
const rows: unknown[] = [];
export default class Diag implements Reporter {
  onTestModuleEnd(m: TestModule) {
    const d = m.diagnostic();
    rows.push({ file: m.moduleId.replace(/.*\/tests\//, ''), ...d });
  }
  onTestRunEnd() {
    writeFileSync(process.env.DIAG_OUT ?? '/tmp/rep/diag.json', JSON.stringify(rows));
  }
}
