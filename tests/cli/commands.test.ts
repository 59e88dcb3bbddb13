import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands.js';

describe('the lazy command registry', () => {
  it('lists each command under the name and summary of its implementation', async () => {
    for (const entry of commands) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.summary).toBe(entry.summary);
    }
  });

  it('has unique names', () => {
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
