import test from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings, mergeSettings } from '../../../server/src/analysis/settings';

test('settings of the wrong type fall back to the defaults', () => {
  const s = mergeSettings({ maxFileSizeBytes: '5MB', shellcheck: { enabled: 'yes', path: 42, exclude: 'SC2086' }, knownSeverities: [1, 2] });
  assert.deepEqual(s, defaultSettings);
});

test('valid settings are taken, partial objects merge with the defaults', () => {
  const s = mergeSettings({ maxFileSizeBytes: 1024, shellcheck: { exclude: ['SC2086'] }, knownSeverities: ['sev1'] });
  assert.equal(s.maxFileSizeBytes, 1024);
  assert.deepEqual(s.shellcheck, { ...defaultSettings.shellcheck, exclude: ['SC2086'] });
  assert.deepEqual(s.knownSeverities, ['sev1']);
});

test('nothing or junk gives the defaults', () => {
  assert.deepEqual(mergeSettings(undefined), defaultSettings);
  assert.deepEqual(mergeSettings('junk'), defaultSettings);
});
