/**
 * Builds a WordPiece vocabulary and the tokenizer files transformers.js loads (tokenizer.json,
 * tokenizer_config.json). The vocabulary holds frequent whole words plus short word-initial pieces and
 * `##` continuation pieces, so a misspelt word still breaks into informative pieces instead of [UNK].
 */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/** Splits text the way BertPreTokenizer does after lower-casing: words and single punctuation marks. */
export function basicWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** The vocabulary: specials, then frequent words, then pieces, each once. */
export function buildVocab(texts: string[], opts: { minCount?: number; maxWords?: number } = {}): string[] {
  const counts = new Map<string, number>();
  for (const t of texts) for (const w of basicWords(t)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts.entries()]
    .filter(([, n]) => n >= (opts.minCount ?? 2))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, opts.maxWords ?? 8000)
    .map(([w]) => w);
  const pieces = new Set<string>();
  for (const w of words) {
    if (!/^[a-z]+$/.test(w)) continue;
    for (let n = 1; n <= Math.min(4, w.length); n++) pieces.add(w.slice(0, n));
    for (let i = 1; i < w.length; i++) for (let n = 1; n <= 3 && i + n <= w.length; n++) pieces.add(`##${w.slice(i, i + n)}`);
  }
  for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789') {
    pieces.add(c);
    pieces.add(`##${c}`);
  }
  const vocab = [...SPECIAL_TOKENS, ...words];
  const seen = new Set(vocab);
  for (const p of [...pieces].sort()) if (!seen.has(p)) (seen.add(p), vocab.push(p));
  return vocab;
}

/** tokenizer.json for a BERT-style WordPiece tokenizer over `vocab`. */
export function tokenizerJson(vocab: string[]): object {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

/** tokenizer_config.json (transformers.js refuses to load a tokenizer without it). */
export function tokenizerConfig(maxLength: number): object {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: maxLength,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  };
}
