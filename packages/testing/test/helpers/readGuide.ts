import { readFileSync } from 'node:fs';

/** A fenced code block of the guide, with its `file=` and `setup=` attributes. */
export interface GuideBlock {
  lang: string;
  file?: string;
  setups: string[];
  body: string;
}

/** The fenced code blocks of a markdown file, in order. */
export function readGuide(file: string): GuideBlock[] {
  const text = readFileSync(file, 'utf8');
  const blocks: GuideBlock[] = [];
  for (const m of text.matchAll(/^```(\w*)([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const attrs = new Map<string, string>();
    for (const a of (m[2] ?? '').matchAll(/(\w+)=(\S+)/g)) attrs.set(a[1] ?? '', a[2] ?? '');
    const block: GuideBlock = { lang: m[1] ?? '', setups: attrs.get('setup')?.split(',') ?? [], body: m[3] ?? '' };
    const file = attrs.get('file');
    if (file !== undefined) block.file = file;
    blocks.push(block);
  }
  return blocks;
}
