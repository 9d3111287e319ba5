import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Codebook, type Tag } from '../model/codebook.ts';
import { TAG_PALETTE } from './codebook-csv.ts';
import { codebookFromQdc, codebookToQdc, QDC_MAX_NESTING } from './refi-qdc.ts';

// Without the GUIDs it ships with: these tests are about tags that have none (and CSV carries none).
const defaultCodebook = Codebook.parse({
  tags: (JSON.parse(readFileSync(new URL('../../resources/codebook/default-codebook.json', import.meta.url), 'utf8')) as Codebook).tags.map(
    ({ guid: _guid, ...tag }) => tag,
  ),
});

/** A name-based UUID (version 5 layout) of the tag id, as an exporter might make one. */
function guidFor(tagId: string): string {
  const hex = createHash('sha1').update(`claimbench:${tagId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toUpperCase();
}
const options = { origin: 'Claimbench 0.1.0', guidFor };

function imported(xml: string): Codebook {
  const result = codebookFromQdc(xml);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function refusal(xml: string): string {
  const result = codebookFromQdc(xml);
  if (result.ok) throw new Error('expected the file to be refused');
  expect(result.error.code).toBe('invalid');
  return result.error.message;
}

/**
 * What a trip through .qdc keeps: everything but shortcuts, plus a GUID for every tag. The format
 * has no ids, so they are made from names again; `renamed` lists the ids that are not their name's.
 */
function afterQdc(codebook: Codebook, renamed: Readonly<Record<string, string>>): Codebook {
  const idOf = (id: string): string => renamed[id] ?? id;
  return {
    tags: codebook.tags.map(({ shortcut: _, ...tag }): Tag => ({
      ...tag,
      id: idOf(tag.id),
      ...(tag.parentId === undefined ? {} : { parentId: idOf(tag.parentId) }),
      guid: tag.guid ?? guidFor(tag.id),
    })),
  };
}

const unicodeCodebook: Codebook = {
  tags: [
    { id: 'emoji', name: 'Claims 😀🇺🇦', color: '#abcdef', description: 'tab\there, CRLF\r\nand LF\nend' },
    { id: 'rtl', name: 'ادعاء «مقتبس» עברית', color: '#123456', parentId: 'emoji', description: 'RTL ‏mark‏' },
    { id: 'markup', name: 'Say "no" <&> \'yes\' & ]]>', color: '#00ff7f', parentId: 'rtl', description: '<b>&amp;</b> <![CDATA[x]]> "q"' },
    { id: 'spaces', name: 'tab\tin name\nand newline', color: '#000000', description: '  leading and trailing  ' },
    { id: 'formula', name: '=1+1', color: '#ffffff', description: '' },
  ],
};

describe('codebookToQdc', () => {
  it('writes the REFI-QDA structure with nested codes, upper-case colours and descriptions', () => {
    const xml = codebookToQdc(defaultCodebook, options);
    const lines = xml.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '<?xml version="1.0" encoding="utf-8"?>',
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Claimbench 0.1.0">',
      '  <Codes>',
      `    <Code guid="${guidFor('claim-type')}" name="Claim type" isCodable="true" color="#5B6B82">`,
      '      <Description>What kind of assertion the span makes.</Description>',
    ]);
    expect(lines[5]).toBe(`      <Code guid="${guidFor('statistic')}" name="Statistic" isCodable="true" color="#E6A700">`);
    expect(xml).toContain(
      `name="Anonymous source" isCodable="true" color="#F97316">\n        <Description>Attributed to an unnamed person or 'officials'.</Description>\n      </Code>`,
    );
    expect(xml.endsWith('  </Codes>\n</CodeBook>\n')).toBe(true);
  });

  it("uses a tag's own guid before guidFor", () => {
    const guid = '0d62985d-b147-5d01-a9b5-cae5dcd98342';
    const xml = codebookToQdc(
      { tags: [{ id: 'a', name: 'A', color: '#112233', description: '', guid }] },
      { origin: 'x', guidFor: () => 'not used' },
    );
    expect(xml).toContain(`<Code guid="${guid}" name="A" isCodable="true" color="#112233"/>`);
  });

  it('escapes markup and keeps tabs and line breaks as references', () => {
    const xml = codebookToQdc(unicodeCodebook, { ...options, origin: 'A & B <"x">' });
    expect(xml).toContain('origin="A &amp; B &lt;&quot;x&quot;&gt;"');
    expect(xml).toContain('name="Say &quot;no&quot; &lt;&amp;&gt; \'yes\' &amp; ]]&gt;"');
    expect(xml).toContain('<Description>&lt;b&gt;&amp;amp;&lt;/b&gt; &lt;![CDATA[x]]&gt; "q"</Description>');
    expect(xml).toContain('name="tab&#9;in name&#10;and newline"');
    expect(xml).toContain('<Description>tab\there, CRLF&#13;\nand LF\nend</Description>');
  });

  it('replaces characters XML cannot carry', () => {
    const xml = codebookToQdc(
      { tags: [{ id: 'c', name: 'bell\u0007 lone\uD800 pair😀', color: '#112233', description: 'nul\u0000' }] },
      options,
    );
    expect(xml).toContain('name="bell\uFFFD lone\uFFFD pair😀"');
    expect(imported(xml).tags[0]?.description).toBe('nul\uFFFD');
  });

  it('writes tags whose parents loop at the top level rather than losing them', () => {
    const looped = {
      tags: [
        { id: 'a', name: 'A', color: '#112233', description: '', parentId: 'b' },
        { id: 'b', name: 'B', color: '#112233', description: '', parentId: 'a' },
      ],
    };
    const tags = imported(codebookToQdc(looped, options)).tags;
    expect(tags.map((tag) => [tag.id, tag.parentId])).toEqual([
      ['a', undefined],
      ['b', 'a'],
    ]);
  });

  it('refuses a guidFor that returns something else than a GUID (a bug, so it throws)', () => {
    expect(() => codebookToQdc(defaultCodebook, { origin: 'x', guidFor: (id) => id })).toThrow(/not a GUID/);
  });

  const xmllint = '/usr/bin/xmllint';
  const schema = fileURLToPath(new URL('../../tests/fixtures/refi-qda/Codebook.xsd', import.meta.url));
  if (!existsSync(xmllint)) console.warn(`Skipping the REFI-QDA schema check: ${xmllint} is missing (Debian package libxml2-utils).`);
  it.skipIf(!existsSync(xmllint)).each([
    ['the default codebook', defaultCodebook],
    [
      'unicode, markup and deep nesting',
      { tags: [...unicodeCodebook.tags, { id: 'deep', name: 'Deep', color: '#abc123', parentId: 'markup', description: 'x' }] },
    ],
  ])('writes %s valid against Codebook.xsd (xmllint)', (_name, codebook) => {
    const folder = mkdtempSync(path.join(tmpdir(), 'claimbench-qdc-'));
    try {
      const file = path.join(folder, 'codebook.qdc');
      writeFileSync(file, codebookToQdc(codebook, options));
      const output = execFileSync(xmllint, ['--noout', '--schema', schema, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(output).toBe('');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync(xmllint))('the schema check can fail (a colour the schema refuses)', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'claimbench-qdc-'));
    try {
      const file = path.join(folder, 'codebook.qdc');
      writeFileSync(file, codebookToQdc(defaultCodebook, options).replace('color="#5B6B82"', 'color="slate"'));
      expect(() => execFileSync(xmllint, ['--noout', '--schema', schema, file], { stdio: 'pipe' })).toThrow(/fails to validate/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('codebookFromQdc round trips', () => {
  it('gives the default codebook back, without shortcuts and with GUIDs', () => {
    const once = imported(codebookToQdc(defaultCodebook, options));
    expect(once).toStrictEqual(afterQdc(defaultCodebook, { 'social-media': 'social-media-post' }));
    expect(imported(codebookToQdc(once, { origin: 'again', guidFor: () => 'unused' }))).toStrictEqual(once);
  });

  it('keeps unicode, quotes, markup, tabs and line breaks exactly', () => {
    const renamed = { emoji: 'claims', rtl: 'tag', markup: 'say-no-yes', spaces: 'tab-in-name-and-newline', formula: '1-1' };
    expect(imported(codebookToQdc(unicodeCodebook, options))).toStrictEqual(afterQdc(unicodeCodebook, renamed));
  });

  it('20,000 tags with one name go out and back in reasonable time', () => {
    const tags = Array.from({ length: 20_000 }, (_, index): Tag => ({
      id: `t${index}`,
      name: 'Same',
      color: '#112233',
      description: '',
      ...(index > 0 ? { parentId: 't0' } : {}),
    }));
    const started = performance.now();
    const back = imported(codebookToQdc({ tags }, options)).tags;
    expect(back).toHaveLength(tags.length);
    expect(back.at(-1)).toMatchObject({ id: 'same-20000', parentId: 'same' });
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('makes ids of nested tags from names, deduplicated in document order', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="test">
  <Codes>
    <Code guid="11111111-1111-1111-1111-111111111111" name="Sources" isCodable="false">
      <Code guid="11111111-1111-1111-1111-111111111112" name="Quote" isCodable="true">
        <Code guid="11111111-1111-1111-1111-111111111113" name="Direct quote" isCodable="true"/>
      </Code>
    </Code>
    <Code guid="11111111-1111-1111-1111-111111111114" name="Claims" isCodable="false">
      <Code guid="11111111-1111-1111-1111-111111111115" name="quote" isCodable="true"/>
    </Code>
    <Code guid="11111111-1111-1111-1111-111111111116" name="Quote!" isCodable="true"/>
  </Codes>
</CodeBook>`;
    expect(imported(xml).tags.map((tag) => [tag.id, tag.parentId ?? null, tag.color])).toEqual([
      ['sources', null, TAG_PALETTE[0]],
      ['quote', 'sources', TAG_PALETTE[1]],
      ['direct-quote', 'quote', TAG_PALETTE[2]],
      ['claims', null, TAG_PALETTE[3]],
      ['quote-2', 'claims', TAG_PALETTE[4]],
      ['quote-3', null, TAG_PALETTE[5]],
    ]);
  });
});

describe('codebookFromQdc reads what other programs write', () => {
  it('Taguette: flat codes, upper-case name-based GUIDs, an empty <Sets/>', () => {
    const taguette =
      '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.4.1"><Codes>' +
      '<Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98342" name="interesting" isCodable="true"/>' +
      '<Code guid="DFE5C38E-9449-5959-A1F7-E3D895CFA87F" name="people" isCodable="true"/>' +
      '<Code guid="725F0645-9CD3-598A-8D2B-EC3D39AB3C3F" name="interesting.places" isCodable="true"/>' +
      '</Codes><Sets/></CodeBook>';
    expect(imported(taguette).tags).toStrictEqual([
      { id: 'interesting', name: 'interesting', color: TAG_PALETTE[0], description: '', guid: '0D62985D-B147-5D01-A9B5-CAE5DCD98342' },
      { id: 'people', name: 'people', color: TAG_PALETTE[1], description: '', guid: 'DFE5C38E-9449-5959-A1F7-E3D895CFA87F' },
      {
        id: 'interesting-places',
        name: 'interesting.places',
        color: TAG_PALETTE[2],
        description: '',
        guid: '725F0645-9CD3-598A-8D2B-EC3D39AB3C3F',
      },
    ]);
  });

  it('ATLAS.ti-style: BOM, CRLF, xsi attributes, colours, descriptions, sets, a braced GUID', () => {
    const atlas = [
      '\uFEFF<?xml version="1.0" encoding="utf-8"?>',
      '<CodeBook xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:QDA-XML:codebook:1.0 Codebook.xsd" origin="ATLAS.ti Win 23.4.0" xmlns="urn:QDA-XML:codebook:1.0">',
      '  <Codes>',
      '    <Code guid="{1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294}" name="Policy themes" color="#46AA00" isCodable="false">',
      '      <Description>Parent category for policy;',
      'second line &amp; more</Description>',
      '      <Code guid="4C2B1E0A-0B5D-4E7B-9C1A-2F6E1D9B7A10" name="Housing" color="#F0C" isCodable="true" />',
      '    </Code>',
      '  </Codes>',
      '  <Sets>',
      '    <Set name="code group 1" guid="ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0">',
      '      <Description>group</Description>',
      '      <MemberCode guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" />',
      '    </Set>',
      '  </Sets>',
      '</CodeBook>',
    ].join('\r\n');
    expect(imported(atlas).tags).toStrictEqual([
      {
        id: 'policy-themes',
        name: 'Policy themes',
        color: '#46aa00',
        description: 'Parent category for policy;\nsecond line & more',
        codable: false,
        guid: '1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294',
      },
      {
        id: 'housing',
        name: 'Housing',
        color: '#ff00cc',
        parentId: 'policy-themes',
        description: '',
        guid: '4C2B1E0A-0B5D-4E7B-9C1A-2F6E1D9B7A10',
      },
    ]);
  });

  it('a prefixed namespace, comments, CDATA and character references', () => {
    const xml = `<?xml version="1.0"?>
<!-- written by hand -->
<q:CodeBook xmlns:q="urn:QDA-XML:codebook:1.0">
  <q:Codes>
    <q:Code guid="22222222-2222-2222-2222-222222222222" name="caf&#xE9; &#128512; &apos;x&apos;" isCodable="true">
      <q:Description>a &lt;b&gt; <![CDATA[<raw> &amp;]]> c</q:Description>
      <other:Code xmlns:other="urn:example:not-qda" name="ignored"/>
    </q:Code>
  </q:Codes>
</q:CodeBook>`;
    expect(imported(xml).tags).toStrictEqual([
      {
        id: 'cafe-x',
        name: "café 😀 'x'",
        color: TAG_PALETTE[0],
        description: 'a <b> <raw> &amp; c',
        guid: '22222222-2222-2222-2222-222222222222',
      },
    ]);
  });

  it('an empty <Codes/> is an empty codebook', () => {
    expect(imported('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>')).toStrictEqual({ tags: [] });
  });
});

describe('codebookFromQdc refuses hostile and wrong files with a reason', () => {
  it('billion laughs: nested entities in a DOCTYPE', () => {
    const entities = Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level};`.repeat(10)}">`).join('\n');
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE CodeBook [\n<!ENTITY lol0 "lol">\n${entities}\n]>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="33333333-3333-3333-3333-333333333333" name="&lol9;" isCodable="true"/></Codes></CodeBook>`;
    const started = performance.now();
    expect(refusal(bomb)).toMatch(/has a DOCTYPE/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('a DOCTYPE with a SYSTEM entity (reading a local file)', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY secret SYSTEM "file:///etc/passwd">]><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="33333333-3333-3333-3333-333333333333" name="&secret;" isCodable="true"/></Codes></CodeBook>';
    expect(refusal(xxe)).toMatch(/has a DOCTYPE/);
  });

  it('a DOCTYPE is found after comments, in any case, but not inside a comment or CDATA', () => {
    expect(refusal('<!-- x --><!doctype x><CodeBook/>')).toMatch(/has a DOCTYPE/);
    const quoted =
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><!-- <!DOCTYPE x> --><Codes><Code guid="33333333-3333-3333-3333-333333333333" name="n" isCodable="true"><Description><![CDATA[<!DOCTYPE y>]]></Description></Code></Codes></CodeBook>';
    expect(imported(quoted).tags[0]?.description).toBe('<!DOCTYPE y>');
  });

  it('an entity the file does not define', () => {
    const xml =
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n<Code guid="33333333-3333-3333-3333-333333333333" name="a&nbsp;b" isCodable="true"><Description>&#0; &#xD800;</Description></Code></Codes></CodeBook>';
    expect(refusal(xml).split('\n')).toEqual([
      'Line 2: the name attribute has an "&" that is not &amp;, &lt;, &gt;, &quot;, &apos; or a character reference.',
      'Line 2: the description has an "&" that is not &amp;, &lt;, &gt;, &quot;, &apos; or a character reference.',
    ]);
  });

  it('10,000 nested codes: a clear error, not a stack overflow', () => {
    const depth = 10_000;
    const deep = `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>${'<Code guid="44444444-4444-4444-4444-444444444444" name="n" isCodable="true">'.repeat(depth)}${'</Code>'.repeat(depth)}</Codes></CodeBook>`;
    expect(refusal(deep)).toBe(`Elements are nested more than ${QDC_MAX_NESTING} deep; no codebook is that deep, so the file is refused.`);
  });

  it('5 MB of nested elements, and 5 MB of sibling codes, in reasonable time', () => {
    const element = '<x a="1">';
    const nested = `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>${element.repeat(5_000_000 / element.length)}`;
    let started = performance.now();
    expect(refusal(nested)).toBe(
      `Elements are nested more than ${QDC_MAX_NESTING} deep; no codebook is that deep, so the file is refused.`,
    );
    expect(performance.now() - started).toBeLessThan(10_000);

    const code = (index: number): string =>
      `<Code guid="${guidFor(String(index))}" name="Code ${index}" isCodable="true" color="#112233"/>\n`;
    const count = Math.ceil(5_000_000 / code(0).length);
    const flat = `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n${Array.from({ length: count }, (_, index) => code(index)).join('')}</Codes></CodeBook>`;
    started = performance.now();
    const tags = imported(flat).tags;
    expect(tags).toHaveLength(count);
    expect(tags.at(-1)?.id).toBe(`code-${count - 1}`);
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('keeps messages short when the XML library quotes the whole input', () => {
    const unclosed = `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>${'<unclosed-element>'.repeat(90)}`;
    const message = refusal(unclosed);
    expect(message).toMatch(/^This is not well-formed XML: /);
    expect(message.length).toBeLessThan(250);
  });

  it('codes nested just within the limit are read', () => {
    const depth = QDC_MAX_NESTING - 2; // CodeBook and Codes take two levels
    const xml = `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>${Array.from({ length: depth }, (_, index) => `<Code guid="${guidFor(String(index))}" name="L${index}" isCodable="true">`).join('')}${'</Code>'.repeat(depth)}</Codes></CodeBook>`;
    const tags = imported(xml).tags;
    expect(tags).toHaveLength(depth);
    expect(tags.at(-1)?.parentId).toBe(`l${depth - 2}`);
  });

  it.each([
    ['not XML at all', 'Just some notes about codes.', /^This is not well-formed XML: char 'J' is not expected \(line 1, column 1\)\.$/],
    ['JSON', '{"tags": []}', /^This is not well-formed XML/],
    ['an empty file', '  \n', /^The file is empty\.$/],
    [
      'tags that do not match',
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n<Codes></CodeBook></Codes>',
      /^This is not well-formed XML: Expected closing tag 'Codes' .* \(line 2, column 8\)\.$/,
    ],
    ['two root elements', '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/><CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>', /root elements/],
    [
      'an element named __proto__',
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><__proto__/><Codes/></CodeBook>',
      /^The file could not be read as XML: /,
    ],
    [
      'a REFI-QDA project',
      '<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes/></CodeBook></Project>',
      /^This is a REFI-QDA project \(<Project>\), not a codebook/,
    ],
    [
      'another root',
      '<html><body>codebook</body></html>',
      /^The root element is <html>; a REFI-QDA codebook starts with <CodeBook xmlns="urn:QDA-XML:codebook:1.0">\.$/,
    ],
    [
      'no namespace',
      '<CodeBook origin="x"><Codes/></CodeBook>',
      /^<CodeBook> has no namespace; a REFI-QDA codebook's is "urn:QDA-XML:codebook:1.0"\.$/,
    ],
    [
      'a wrong namespace',
      '<CodeBook xmlns="urn:QDA-XML:codebook:1:0"><Codes/></CodeBook>',
      /^<CodeBook> has the namespace "urn:QDA-XML:codebook:1:0"/,
    ],
    ['no Codes', '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Sets/></CodeBook>', /^The codebook has no <Codes> element\.$/],
  ])('%s', (_name, xml, message) => {
    expect(refusal(xml)).toMatch(message);
  });

  it('a .docx renamed .qdc (a ZIP archive), and other binary files', () => {
    const zip = new Uint8Array([
      0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0xdf, 0xa4, 0xd2, 0x6c,
    ]);
    expect(refusal(new TextDecoder().decode(zip))).toMatch(
      /^This is a ZIP archive \(a \.docx, or a REFI-QDA project \.qdpx, perhaps\), not a codebook/,
    );
    expect(refusal(new TextDecoder().decode(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])))).toMatch(
      /^This is a binary file, not XML text/,
    );
  });

  it('lists every bad code with its line', () => {
    const xml = [
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>',
      '<Code guid="55555555-5555-5555-5555-555555555555" isCodable="true"/>',
      '<Code guid="not-a-guid" name="Bad guid" isCodable="true"/>',
      '<Code guid="55555555-5555-5555-5555-555555555555" name="Same guid" isCodable="true"/>',
      '<Code guid="66666666-6666-6666-6666-666666666666" name="Bad colour" color="red" isCodable="true"/>',
      `<Code guid="77777777-7777-7777-7777-777777777777" name="${'x'.repeat(121)}" isCodable="true"/>`,
      `<Code guid="88888888-8888-8888-8888-888888888888" name="Long description" isCodable="true"><Description>${'d'.repeat(2001)}</Description></Code>`,
      '</Codes></CodeBook>',
    ].join('\n');
    expect(refusal(xml).split('\n')).toEqual([
      'Line 2: the code has no name.',
      'Line 3, code "Bad guid": the guid "not-a-guid" is not a GUID (8-4-4-4-12 hexadecimal digits).',
      'Line 4, code "Same guid": the guid 55555555-5555-5555-5555-555555555555 is also the guid of the code on line 2.',
      'Line 5, code "Bad colour": the color "red" is not a colour like #3B82F6.',
      `Line 6, code "${'x'.repeat(121)}": name: Too big: expected string to have <=120 characters.`,
      'Line 7, code "Long description": description: Too big: expected string to have <=2000 characters.',
    ]);
  });
});
