import { describe, expect, it } from 'vitest';
import { DEFAULT_VERDICT_SCALE } from '../model/evidence.ts';
import { DEFAULT_STATUSES, WorkspaceSettings } from '../model/workspace.ts';
import { applySettingsPatch, type SettingsPatch, type SettingsUsage } from './settings-change.ts';

const state = {
  name: 'Sample: the Valmont water emergency',
  settings: WorkspaceSettings.parse({ analystName: '', statuses: DEFAULT_STATUSES, verdictScale: DEFAULT_VERDICT_SCALE }),
};
const usage: SettingsUsage = { statuses: { unverified: 4, refuted: 1 }, ratings: { false: 2 } };
const without = <T extends { id: string }>(list: readonly T[], ...ids: string[]) => list.filter((entry) => !ids.includes(entry.id));

describe('applySettingsPatch', () => {
  it.each<[string, SettingsPatch, 'invalid' | 'in-use', RegExp]>([
    [
      'a status in use removed',
      { statuses: without(DEFAULT_STATUSES, 'refuted') },
      'in-use',
      /status "Refuted" \(1 annotation\) is still used/,
    ],
    [
      'two statuses in use removed',
      { statuses: without(DEFAULT_STATUSES, 'refuted', 'unverified') },
      'in-use',
      /statuses "Unverified" \(4 annotations\), "Refuted" \(1 annotation\) are still used/,
    ],
    ['a rating in use removed', { verdictScale: without(DEFAULT_VERDICT_SCALE, 'false') }, 'in-use', /rating "False" \(2 claims\)/],
    [
      'two statuses with one name',
      { statuses: [...DEFAULT_STATUSES, { id: 'supported-2', label: ' supported', color: '#000000' }] },
      'invalid',
      /Two statuses are called "supported"/,
    ],
    ['a repeated id', { statuses: [...DEFAULT_STATUSES, { ...DEFAULT_STATUSES[0]!, label: 'Other' }] }, 'invalid', /id "unverified"/],
    ['an empty name', { verdictScale: [{ id: 'true', label: ' ', color: '#000000' }] }, 'invalid', /Every rating needs a name/],
  ])('refuses %s', (_, patch, code, message) => {
    const result = applySettingsPatch(state, patch, usage);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(message);
  });

  it('removes what no record uses, renames what they do, and keeps what the patch leaves out', () => {
    const statuses = without(DEFAULT_STATUSES, 'misleading').map((status) =>
      status.id === 'refuted' ? { ...status, label: 'False' } : status,
    );
    const result = applySettingsPatch(state, { statuses, workspaceName: 'Kherson', analystName: 'Ana' }, usage);
    expect(result).toEqual({
      ok: true,
      value: { name: 'Kherson', settings: { ...state.settings, analystName: 'Ana', statuses } },
    });
  });

  it('imports Markdown as plain text unless told to keep the source', () => {
    expect(state.settings.markdownImport).toBe('plain');
    const result = applySettingsPatch(state, { markdownImport: 'source' }, usage);
    expect(result.ok && result.value.settings).toEqual({ ...state.settings, markdownImport: 'source' });
  });

  it('records that the first-run prompt was answered', () => {
    const result = applySettingsPatch({ ...state, settings: { ...state.settings, welcomed: false } }, { welcomed: true }, usage);
    expect(result.ok && result.value.settings.welcomed).toBe(true);
  });
});
