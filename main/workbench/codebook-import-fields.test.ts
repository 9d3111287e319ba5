// Importing a codebook keeps what the file does not say: a code without <Description> leaves the
// tag's description as it was (an ATLAS.ti .qdc blanked "Quote"'s); isCodable="false" is kept and
// written back; the file's <Sets>, which a workspace has no place for, are reported.
import { describe, expect, it } from 'vitest';
import { readQdc } from '../../core/codebook/refi-qdc.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { sampleWorkbench } from '../../tests/support/sample-workbench.ts';

const ATLAS = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti 25">
  <Codes>
    <Code guid="5e2a1c44-0b1d-4c1e-9f00-000000000001" name="Claim type" isCodable="false" color="#5B6B82">
      <Code guid="5e2a1c44-0b1d-4c1e-9f00-000000000002" name="Quote" isCodable="true" color="#3B82F6"/>
      <Code guid="5e2a1c44-0b1d-4c1e-9f00-000000000003" name="Statistic" isCodable="true" color="#E6A700">
        <Description>Numbers, counted or measured.</Description>
      </Code>
    </Code>
    <Code guid="5e2a1c44-0b1d-4c1e-9f00-000000000004" name="Rumour" isCodable="true" color="#AA5500"/>
  </Codes>
  <Sets>
    <Set guid="5e2a1c44-0b1d-4c1e-9f00-0000000000a1" name="Verification">
      <MemberCode targetGUID="5e2a1c44-0b1d-4c1e-9f00-000000000002"/>
      <MemberCode targetGUID="5e2a1c44-0b1d-4c1e-9f00-000000000004"/>
    </Set>
  </Sets>
</CodeBook>`;

describe('importing a codebook keeps what the file does not carry', () => {
  it('reads which codes have a description, isCodable, and the sets', () => {
    const read = readQdc(ATLAS);
    if (!read.ok) throw new Error(read.error.message);
    expect([...read.value.described]).toEqual(['statistic']);
    expect(read.value.codebook.tags.find((tag) => tag.id === 'claim-type')).toMatchObject({ codable: false });
    expect(read.value.codebook.tags.find((tag) => tag.id === 'quote')).not.toHaveProperty('codable');
    expect(read.value.sets).toEqual([{ name: 'Verification', codes: 2 }]);
  });

  it('never blanks a description, keeps a non-codable parent so and exports it as such, and reports the sets', () =>
    withTempDir(async (dir) => {
      const { service, store } = await sampleWorkbench(dir);
      const tag = (id: string) => store.workspace.codebook.tags.find((candidate) => candidate.id === id);
      const quoteDescription = tag('quote')!.description;
      expect(quoteDescription).toMatch(/^Words attributed to a speaker/);

      const result = await service.importCodebook('qdc', ATLAS);
      expect(result).toMatchObject({
        ok: true,
        value: {
          added: ['rumour'],
          notes: ['Its code set “Verification” (2 codes) was not imported: Claimbench has no code sets (the codes themselves were).'],
        },
      });
      expect(tag('quote')!.description).toBe(quoteDescription);
      expect(tag('statistic')!.description).toBe('Numbers, counted or measured.');
      expect(tag('claim-type')).toMatchObject({ codable: false });

      const exported = (await service.exportCodebook('qdc')).text;
      expect(exported).toMatch(/<Code guid="[^"]+" name="Claim type" isCodable="false"/);
      expect(exported).toMatch(/<Code guid="[^"]+" name="Quote" isCodable="true"/);
      // Read back: still not codable.
      const again = readQdc(exported);
      expect(again.ok && again.value.codebook.tags.find((candidate) => candidate.name === 'Claim type')?.codable).toBe(false);

      // A CSV without a description column leaves descriptions alone; one with the column sets them.
      expect(await service.importCodebook('csv', 'name,color\nQuote,#3b82f6\n')).toMatchObject({ ok: true });
      expect(tag('quote')!.description).toBe(quoteDescription);
      expect(await service.importCodebook('csv', 'name,color,description\nQuote,#3b82f6,Reported speech\n')).toMatchObject({ ok: true });
      expect(tag('quote')!.description).toBe('Reported speech');
      await service.dispose();
    }));
});
