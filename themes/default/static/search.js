/*
 * freshdocs search client: no framework, no dependencies.
 *
 * Searches the static export written by `freshdocs build` (src/search/export.rs) in the folder
 * `search/<lang>/` of the site, fetching meta.fdz on first use and then only the term shards a
 * query needs, and the documents it shows out of their packs with range requests; every file of
 * the export is gzip-compressed JSON (see `decode`), every packed document raw-deflate JSON (see
 * `inflate`). The analyzer and
 * the ranking mirror src/search/analyzer.rs and src/search/query.rs step for step, so that the browser ranks as `freshdocs search` does; the analyzer is pinned by
 * tests/fixtures/analyzer-vectors.json on both sides. Change one side, change the other.
 *
 * Page contract: an <input type="search" name="q"> inside a <form role="search">; results are
 * links inside the element with id="search-results" (created after the form if absent). The index
 * folder is the form's data-search-index attribute if set, else ../search/<lang>/ relative to this
 * script, <lang> being the page's <html lang>. A page opened with ?q=… searches at once.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------------------------------------
  // Analyzer (mirror of src/search/analyzer.rs)
  // ---------------------------------------------------------------------------------------------

  const ANALYZER_VERSION = 4;
  const FORMAT_VERSION = 6;
  const ZWNJ = '\u200c';
  const ZWJ = '\u200d';
  const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/;
  const DEVANAGARI = /[\u0900-\u097F\uA8E0-\uA8FF]/;
  const LATIN_ONLY = /^[A-Za-z0-9'\u2019]+$/;
  const WORD_LIKE = /[\p{Alphabetic}\p{N}]/u;
  const HANGUL = /\p{Script=Hangul}/u;
  // Scripts written without spaces between words (analyzer.rs `is_unspaced_char`): Han with 々〆〇,
  // kana with ー and the half-width forms, Thai, Lao, Myanmar, Khmer, and variation selectors.
  const UNSPACED = /^[\u3005-\u3007\u3040-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF66-\uFF9F\u{20000}-\u{323AF}\u0E00-\u0EFF\u1000-\u109F\uA9E0-\uA9FF\uAA60-\uAA7F\u1780-\u17FF\u19E0-\u19FF\uFE00-\uFE0F\u{E0100}-\u{E01EF}]+$/u;

  const HINDI_SUFFIXES = [
    ['ाएंगी', 'ाएंगे', 'ाऊंगी', 'ाऊंगा', 'ाइयां', 'ाइयों'],
    ['ाएगी', 'ाएगा', 'ाओगी', 'ाओगे', 'एंगी', 'ेंगी', 'एंगे', 'ेंगे', 'ूंगी', 'ूंगा', 'ातीं', 'नाओं', 'नाएं', 'ताओं', 'ताएं',
      'ियां', 'ियों'],
    ['ाकर', 'ाइए', 'ाईं', 'ाया', 'ेगी', 'ेगा', 'ोगी', 'ोगे', 'ाने', 'ाना', 'ाते', 'ाती', 'ाता', 'तीं', 'ाओं', 'ाएं', 'ुओं',
      'ुएं', 'ुआं'],
    ['कर', 'ाओ', 'िए', 'ाई', 'ाए', 'ने', 'नी', 'ना', 'ते', 'ीं', 'ती', 'ता', 'ां', 'ों', 'ें'],
    ['ो', 'े', 'ू', 'ु', 'ी', 'ि', 'ा']
  ];

  const segmenter = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter('und', { granularity: 'word' }) : null;

  /**
   * Whether UAX #29 keeps `a` and `b`, two words the browser gave side by side, as one word:
   * ICU4C breaks between Hangul and other letters or digits (`state를` → state, 를; `3개` → 3, 개),
   * where UAX #29, and so the index, does not (Hangul syllables are letters there, as Latin is).
   */
  function joinedByUax29(a, b) {
    const [x, y] = [[...a].pop(), [...b][0]];
    if (HANGUL.test(x) === HANGUL.test(y)) return false;
    return [x, y].every((c) => HANGUL.test(c) || (/[\p{L}\p{N}]/u.test(c) && !UNSPACED.test(c)));
  }

  /** UAX #29 words of `text` with their UTF-16 offsets: [{index, word}]. */
  function segments(text) {
    const out = [];
    if (segmenter) {
      for (const s of segmenter.segment(text)) {
        if (!WORD_LIKE.test(s.segment)) continue;
        const before = out[out.length - 1];
        if (before && before.index + before.word.length === s.index && joinedByUax29(before.word, s.segment)) {
          before.word += s.segment;
        } else {
          out.push({ index: s.index, word: s.segment });
        }
      }
      return out;
    }
    // Old browsers: runs of letters, marks, digits and joiners (close to UAX #29 for our scripts).
    const re = /[\p{L}\p{M}\p{N}\p{Pc}\u200c\u200d]+/gu;
    let m;
    while ((m = re.exec(text))) out.push({ index: m.index, word: m[0] });
    return out;
  }

  /**
   * The words of `text`: [{index, word}]. With `cut(run, last)` → [[from, to]], a run of
   * unspaced words (adjacent segments of Han, kana, Thai …) is joined and cut by it, as
   * analyzer.rs `word_ranges` does; without, such text keeps the browser's own cut (ICU4C's
   * dictionaries, which differ from the index's ICU4X in about a tenth of Japanese words).
   */
  function words(text, cut) {
    const found = segments(text);
    if (!cut) return found;
    const out = [];
    for (let i = 0; i < found.length; i++) {
      const start = found[i].index;
      let end = start + found[i].word.length;
      if (!UNSPACED.test(found[i].word)) {
        out.push(found[i]);
        continue;
      }
      while (i + 1 < found.length && found[i + 1].index === end && UNSPACED.test(found[i + 1].word)) {
        end += found[i + 1].word.length;
        i++;
      }
      const run = text.slice(start, end);
      for (const [from, to] of cut(run, i === found.length - 1)) out.push({ index: start + from, word: run.slice(from, to) });
    }
    return out;
  }

  /** The browser's own cut of a run, for a run that cutByTerms cannot compare. */
  function segmentRun(run) {
    return segments(run).map((s) => [s.index, s.index + s.word.length]);
  }

  /**
   * A query's run of unspaced text cut by the index's terms (analyzer.rs `cut_by_terms`): from
   * the left, the longest term the rest of the run starts with (characters where none starts stay
   * together); in the run that ends the query, a rest that begins a term is kept whole (a prefix). Compared in
   * NFKC character by character; cuts fall between characters of the run as written.
   * `termsWithInitial(c)` lists the index terms starting with c.
   */
  function cutByTerms(run, last, termsWithInitial) {
    // Each character of the run: [its offset in the run, its offset in `normal`].
    let normal = '';
    const offsets = [];
    for (let at = 0; at < run.length;) {
      const c = String.fromCodePoint(run.codePointAt(at));
      offsets.push([at, normal.length]);
      normal += c.normalize('NFKC');
      at += c.length;
    }
    if (normal !== run.normalize('NFKC')) return segmentRun(run);
    offsets.push([run.length, normal.length]);
    const end = offsets.length - 1;
    // Where the word starting at character i ends (an index into offsets), or -1.
    const wordEnd = (i) => {
      const at = offsets[i][1];
      const rest = normal.slice(at);
      const terms = termsWithInitial(String.fromCodePoint(rest.codePointAt(0)));
      if (last && terms.some((term) => term.length > rest.length && term.startsWith(rest))) return end;
      let longest = -1;
      for (const term of terms) {
        if (!rest.startsWith(term)) continue;
        for (let k = i + 1; k <= end; k++) if (offsets[k][1] === at + term.length) longest = Math.max(longest, k);
      }
      return longest;
    };
    const out = [];
    for (let i = 0; i < end;) {
      let next = wordEnd(i);
      if (next < 0) {
        // No term starts here: the characters up to where one does make one word.
        next = i + 1;
        while (next < end && wordEnd(next) < 0) next++;
      }
      out.push([offsets[i][0], offsets[next][0]]);
      i = next;
    }
    return out;
  }

  function fold(word) {
    let out = '';
    for (const c of word) {
      const cp = c.codePointAt(0);
      if (c === 'ي' || c === 'ى') out += 'ی';
      else if (c === 'ك') out += 'ک';
      else if (c === 'ة' || c === 'ۀ' || c === 'ە') out += 'ه';
      else if (c === 'أ' || c === 'إ') out += 'ا';
      else if (c === 'ؤ') out += 'و';
      else if (c === 'ئ') out += 'ی';
      else if (c === 'ء') continue;
      else if (cp === 0x654 && out.endsWith('ه')) continue;
      else if (cp === 0x640 || (cp >= 0x64b && cp <= 0x652) || cp === 0x670) continue;
      else if (cp === 0x93c || c === ZWJ) continue;
      else if (c === 'ऩ') out += 'न';
      else if (c === 'ऱ') out += 'र';
      else if (c === 'ऴ') out += 'ळ';
      else if (cp === 0x901) out += '\u0902';
      else if (cp >= 0x6f0 && cp <= 0x6f9) out += String.fromCharCode(48 + cp - 0x6f0);
      else if (cp >= 0x660 && cp <= 0x669) out += String.fromCharCode(48 + cp - 0x660);
      else if (cp >= 0x966 && cp <= 0x96f) out += String.fromCharCode(48 + cp - 0x966);
      else out += c;
    }
    return out;
  }

  function scriptOf(word) {
    if (ARABIC.test(word)) return 'arabic';
    if (DEVANAGARI.test(word)) return 'devanagari';
    if (/[a-z]/i.test(word) && LATIN_ONLY.test(word)) return 'latin';
    return 'other';
  }

  function stemEnglish(word) {
    if (word.endsWith("'s") || word.endsWith('\u2019s')) word = word.slice(0, -2);
    const n = word.length;
    if (/[^\x00-\x7f]/.test(word) || n < 3 || word[n - 1] !== 's') return word;
    switch (word[n - 2]) {
      case 'u':
      case 's':
        return word;
      case 'e':
        if (n > 3 && word[n - 3] === 'i' && word[n - 4] !== 'a' && word[n - 4] !== 'e') return word.slice(0, n - 3) + 'y';
        if ('iaoe'.indexOf(word[n - 3]) >= 0) return word;
        return word.slice(0, n - 1);
      default:
        return word.slice(0, n - 1);
    }
  }

  function stemHindi(word) {
    const len = Array.from(word).length;
    for (let i = 0; i < HINDI_SUFFIXES.length; i++) {
      const suffixLen = 5 - i;
      if (len <= suffixLen + 1) continue;
      for (const s of HINDI_SUFFIXES[i]) {
        if (word.endsWith(s)) return word.slice(0, word.length - s.length);
      }
    }
    return word;
  }

  function analyzeWord(word, emit) {
    const folded = fold(word);
    const script = scriptOf(folded);
    const parts = folded.split(ZWNJ).filter((p) => p !== '');
    if (script === 'arabic' && parts.length > 1) {
      emit(parts.join(''));
      parts.forEach((p) => emit(p));
      return;
    }
    const joined = parts.join('');
    if (joined === '') return;
    const stem = (script === 'arabic' ? stripEnding(joined, PERSIAN_PLURALS) : null) ?? stripEnding(joined, KOREAN_PARTICLES);
    if (stem !== null) {
      emit(joined);
      emit(stem);
      return;
    }
    if (script === 'latin') emit(stemEnglish(joined));
    else if (script === 'devanagari') emit(stemHindi(joined));
    else emit(joined);
  }

  /** The endings of a Persian plural written without a ZWNJ (تابعهای → تابع), longest first. */
  const PERSIAN_PLURALS = ['هایی', 'های', 'ها'];
  /** Korean particles attached to the word before them (데이터를 → 데이터), longest first. */
  const KOREAN_PARTICLES = ['에서', '으로', '을', '를', '은', '는', '이', '가', '의', '에', '로', '와', '과', '도'];

  /** The word without the first of `endings` it ends in, if two characters are left, or null. */
  function stripEnding(word, endings) {
    for (const ending of endings) {
      if (word.endsWith(ending)) {
        const stem = word.slice(0, word.length - ending.length);
        return Array.from(stem).length >= 2 ? stem : null;
      }
    }
    return null;
  }

  const PERSIAN_PREFIXES = ['می', 'نمی'];
  const PERSIAN_SUFFIXES = ['ها', 'های', 'هایی', 'تر', 'ترین'];

  /** `می شود`, `شرکت ها` written with a space are also indexed joined, as if with a ZWNJ. */
  function joinPersian(word, next) {
    word = fold(word);
    next = fold(next);
    const simple = (w) => scriptOf(w) === 'arabic' && w.indexOf(ZWNJ) < 0;
    if (simple(word) && simple(next) && (PERSIAN_PREFIXES.indexOf(word) >= 0 || PERSIAN_SUFFIXES.indexOf(next) >= 0)) {
      return word + next;
    }
    return null;
  }

  /** Calls emit(term, start, end) for every term of `text` (offsets in UTF-16 units). */
  // What one word gives, kept between calls: text repeats its words (و, در, the, का …), and
  // snippets analyse the bodies of ten results per query. Bounded, and the same answers.
  const wordMemo = new Map();

  /** [normalized pieces, then for each its terms and folded form], for one segmented word. */
  function analyzed(raw) {
    let known = wordMemo.get(raw);
    if (known) return known;
    if (wordMemo.size >= 50000) wordMemo.clear();
    known = [];
    for (const piece of raw.normalize('NFKC').toLowerCase().split(' ')) {
      if (piece === '') continue;
      const terms = [];
      analyzeWord(piece, (term) => terms.push(term));
      known.push({ word: piece, terms: terms });
    }
    wordMemo.set(raw, known);
    return known;
  }

  function eachTerm(text, emit, cut) {
    const list = [];
    for (const w of words(text, cut)) {
      for (const piece of analyzed(w.word)) {
        list.push({ start: w.index, end: w.index + w.word.length, word: piece.word, terms: piece.terms });
      }
    }
    list.forEach((w, i) => {
      w.terms.forEach((term) => emit(term, w.start, w.end));
      const next = list[i + 1];
      if (next && w.end < next.start && /^ +$/.test(text.slice(w.end, next.start))) {
        const joined = joinPersian(w.word, next.word);
        if (joined !== null) emit(joined, w.start, next.end);
      }
    });
  }


  /** The index terms of `text`, in order: what src/search/analyzer.rs `analyze` returns. */
  function analyze(text) {
    const terms = [];
    eachTerm(text, (t) => terms.push(t));
    return terms;
  }

  /**
   * The query's terms grouped by the word they come from (src/search/analyzer.rs
   * `analyze_query`): unspaced runs are cut by the index's terms, `termsWithInitial(c)`.
   */
  function analyzeQuery(text, termsWithInitial) {
    const words = [];
    let last = null;
    eachTerm(text, (t, start, end) => {
      if (last && last[0] === start && last[1] === end) words[words.length - 1].push(t);
      else words.push([t]);
      last = [start, end];
    }, (run, isLast) => cutByTerms(run, isLast, termsWithInitial));
    return words;
  }

  /** The first characters of the query's unspaced runs, whose term lists cutByTerms reads. */
  function unspacedInitials(text) {
    const chars = new Set();
    words(text, (run) => {
      for (const c of run) chars.add(String.fromCodePoint(c.normalize('NFKC').codePointAt(0)));
      return [];
    });
    return Array.from(chars);
  }

  // ---------------------------------------------------------------------------------------------
  // Ranking over the export (mirror of src/search/query.rs)
  // ---------------------------------------------------------------------------------------------

  /** Compares strings in code-point order, which is the UTF-8 byte order of the Rust side. */
  function cmp(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a.charCodeAt(i);
      const y = b.charCodeAt(i);
      if (x !== y) return rank16(x) - rank16(y);
    }
    return a.length - b.length;
  }

  function rank16(u) {
    if (u >= 0xd800 && u <= 0xdfff) return u + 0x2000;
    if (u >= 0xe000) return u - 0x800;
    return u;
  }

  function maxEdits(chars) {
    return chars < 4 ? 0 : chars < 8 ? 1 : 2;
  }

  /** Optimal-string-alignment distance in code points if at most `max`, else null. */
  function editsWithin(a, b, max) {
    a = Array.from(a);
    b = Array.from(b);
    if (Math.abs(a.length - b.length) > max) return null;
    const rows = [];
    for (let i = 0; i <= a.length; i++) {
      rows.push(new Array(b.length + 1).fill(0));
      rows[i][0] = i;
    }
    for (let j = 0; j <= b.length; j++) rows[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
        rows[i][j] = best;
      }
    }
    const d = rows[a.length][b.length];
    return d <= max ? d : null;
  }

  function round(score) {
    return Math.round(score * 1e6) / 1e6;
  }

  /**
   * The JSON value in the bytes of an export file (a Uint8Array): gzip-compressed as the build
   * writes it, or plain JSON when a host has already decompressed it on the way.
   */
  function decode(bytes) {
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      // A Response's own body stream: decoding ten files this way took 1.5 ms in Chromium,
      // against 5.5–6.2 ms through Blob.stream() and text() (bench/search/README.md).
      return new Response(new Response(bytes).body.pipeThrough(new DecompressionStream('gzip'))).json();
    }
    return Promise.resolve(JSON.parse(new TextDecoder().decode(bytes)));
  }

  /** The JSON value of a packed document: raw deflate (gzip without its header and trailer). */
  function inflate(bytes) {
    return new Response(new Response(bytes).body.pipeThrough(new DecompressionStream('deflate-raw'))).json();
  }

  const NO_TERMS = new Set();

  /**
   * One language's exported index. `load(name)` returns the parsed JSON of the export file
   * `name`; by default it fetches `base + name` and decodes it. `range(name, start, end)` returns
   * `{bytes, whole}`: the bytes `start .. end` of the file `name`, or (`whole: true`) all of them
   * when the host ignored the Range header; by default it fetches them with a range request.
   */
  class SearchIndex {
    constructor(base, load, range) {
      this.base = base;
      this.load = load || (async (name) => {
        const r = await fetch(base + name);
        if (!r.ok) throw new Error('search index: ' + base + name + ': HTTP ' + r.status);
        return decode(new Uint8Array(await r.arrayBuffer()));
      });
      this.range = range || (async (name, start, end) => {
        const r = await fetch(base + name, { headers: { Range: 'bytes=' + start + '-' + (end - 1) } });
        if (!r.ok) throw new Error('search index: ' + base + name + ': HTTP ' + r.status);
        return { bytes: new Uint8Array(await r.arrayBuffer()), whole: r.status !== 206 };
      });
      this.meta = null;
      this.files = new Map(); // file name → Promise of its parsed JSON (term shards as Maps)
    }

    /**
     * An index whose files `read(name)` returns (a Uint8Array, or a Promise of one): a folder
     * on disk in tests and tools, as the browser would fetch it.
     */
    static fromFiles(read) {
      return new SearchIndex(
        '',
        async (name) => decode(await read(name)),
        async (name, start, end) => ({ bytes: (await read(name)).subarray(start, end), whole: false }),
      );
    }

    /**
     * What `make()` promises, made once under `key` and kept; a failed fetch is forgotten, so that
     * the next query tries again (a phone that lost its connection for a moment is not left
     * without search).
     */
    kept(key, make) {
      const files = this.files;
      if (!files.has(key)) {
        files.set(key, make().catch((e) => {
          files.delete(key);
          throw e;
        }));
      }
      return files.get(key);
    }

    /** The export file `name`, fetched once and kept. */
    file(name, then) {
      return this.kept(name, () => (then ? this.load(name).then(then) : this.load(name)));
    }

    /**
     * Where the documents of the pack `name` are: the offset of each (and of its end) after the
     * header of `u16` sizes, and the whole pack when the host sent all of it.
     */
    pack(name) {
      return this.kept(name, async () => {
        const per = this.meta.docs_per_pack;
        const got = await this.range(name, 0, 2 * per);
        if (got.bytes.byteLength < 2 * per) throw new Error('search index: ' + name + ' is cut short');
        const view = new DataView(got.bytes.buffer, got.bytes.byteOffset, got.bytes.byteLength);
        const offsets = [2 * per];
        for (let k = 0; k < per; k++) offsets.push(offsets[k] + view.getUint16(2 * k, true));
        return { offsets, whole: got.whole ? got.bytes : null };
      });
    }

    ready() {
      return this.file('meta.fdz', (meta) => {
        if (meta.version !== FORMAT_VERSION || meta.analyzer !== ANALYZER_VERSION) {
          throw new Error('search index: export format ' + meta.version + '/' + meta.analyzer + ' is not supported');
        }
        this.meta = meta;
        // Which term-list file holds each first character (`i-<n>.fdz` holds group n).
        this.initialFile = new Map();
        meta.initials.forEach((group, n) => Array.from(group).forEach((c) => this.initialFile.set(c, n)));
        return meta;
      });
    }

    shard(n) {
      return this.file('t-' + n + '.fdz', (entries) => new Map(entries));
    }

    /** Every index term (without postings) whose first character is `initial`. */
    termsWithInitial(initial) {
      const n = this.initialFile.get(initial);
      if (n === undefined) return Promise.resolve([]);
      // A file may hold the lists of several characters, in code-point order.
      return this.kept('initial:' + initial, () =>
        this.file('i-' + n + '.fdz').then((terms) =>
          terms.filter((term) => term.codePointAt(0) === initial.codePointAt(0))));
    }

    /** The index entry of exactly `term` (zero or one), from the one shard whose range holds it. */
    async termExact(term) {
      const n = this.meta.shards.findIndex((range) => cmp(range[0], term) <= 0 && cmp(range[1], term) >= 0);
      if (n < 0) return [];
      const map = await this.shard(n);
      return map.has(term) ? [[term, map.get(term)]] : [];
    }

    /** Every index term starting with `prefix`, in code-point order, with its postings. */
    async termsWithPrefix(prefix) {
      const wanted = [];
      this.meta.shards.forEach(([first, last], n) => {
        if (cmp(last, prefix) >= 0 && (cmp(first, prefix) < 0 || first.startsWith(prefix))) wanted.push(n);
      });
      const maps = await Promise.all(wanted.map((n) => this.shard(n)));
      const out = [];
      for (const map of maps) {
        for (const entry of map) if (entry[0].startsWith(prefix)) out.push(entry);
      }
      return out;
    }

    /**
     * The query's words and the terms each expands to: {words: [{term, expansions}], postings}, the
     * postings of every term fetched. Words, and the files each needs, are fetched at the same
     * time: a query costs as many round trips as its longest chain (term list of a first letter,
     * then the shards of its near terms).
     */
    async plan(query) {
      const seen = new Set();
      // Unspaced text (Japanese, Chinese, Thai) is cut by the index's terms: the term lists of
      // its characters' first letters are fetched first, side by side.
      const initials = unspacedInitials(query);
      const lists = await Promise.all(initials.map((c) => this.termsWithInitial(c)));
      const byInitial = new Map(initials.map((c, i) => [c, lists[i]]));
      const groups = analyzeQuery(query, (c) => byInitial.get(c) || []).filter((g) => {
        if (seen.has(g[0])) return false;
        seen.add(g[0]);
        return true;
      });
      const postings = new Map();
      const keep = (entries) => entries.forEach((e) => postings.set(e[0], e[1]));
      const words = await Promise.all(groups.map((group, i) => this.expand(group, i === groups.length - 1, keep)));
      return { words, postings };
    }

    /**
     * What one query word matches: {term, expansions: [[term, weight]]}, best first. The terms of
     * one word (a ZWNJ word's joined form, then its parts or a plural's stem, weighted part_weight)
     * are alternatives; prefix and typo matches start from its first term. `keep` is given the
     * index entries fetched.
     */
    async expand(group, last, keep) {
      const meta = this.meta;
      const term = group[0];
      const weights = new Map(group.map((t) => [t, meta.part_weight]));
      weights.set(term, 1);
      const raise = (candidate, weight) => {
        weights.set(candidate, Math.max(weights.has(candidate) ? weights.get(candidate) : 0, weight));
      };
      const chars = Array.from(term).length;
      // Only the last word, the one being typed, matches as a prefix; the others need just the
      // shard holding them (a first word "p" must not download every term in "p…").
      const asPrefix = last && chars >= meta.min_prefix_chars;
      const edits = maxEdits(chars);
      // Typo tolerance compares with the bare term list of the word's first letter, then fetches
      // only the shards of the terms within reach.
      const [found, parts, initials] = await Promise.all([
        asPrefix ? this.termsWithPrefix(term) : this.termExact(term),
        Promise.all(group.slice(1).map((t) => this.termExact(t))),
        edits > 0 ? this.termsWithInitial(Array.from(term)[0]) : Promise.resolve([])
      ]);
      keep(found);
      parts.forEach(keep);
      if (asPrefix) found.forEach((e) => raise(e[0], meta.prefix_weight));
      const near = [];
      initials.forEach((candidate) => {
        const d = editsWithin(term, candidate, edits);
        if (d !== null && d !== 0) near.push([candidate, d]);
      });
      const entries = await Promise.all(near.map((n) => this.termExact(n[0])));
      entries.forEach((entry, k) => {
        if (!entry.length) return;
        keep(entry);
        raise(entry[0][0], meta.fuzzy_weights[near[k][1] - 1]);
      });
      const expansions = Array.from(weights).sort((a, b) => cmp(a[0], b[0]));
      expansions.sort((a, b) => b[1] - a[1]); // stable: ties keep term order
      return { term, expansions: expansions.slice(0, meta.max_expansions) };
    }

    /**
     * Scores every matching document: [[doc id, score]] best first, ties in document order. A
     * document matching more of the query's distinctive words (each matched by at most half the
     * documents) comes first, whatever the scores; scores order those that match as many.
     */
    rank(plan) {
      const meta = this.meta;
      const k1 = meta.k1;
      const b = meta.b;
      const n = meta.total_docs;
      const nf = meta.fields.length;
      const docs = meta.doc_count; // lengths are field by field
      const totals = new Map(); // doc id → [distinctive words matched, score]
      for (const word of plan.words) {
        const best = new Map();
        for (const expansion of word.expansions) {
          const flat = plan.postings.get(expansion[0]) || [];
          const df = new Array(nf).fill(0);
          for (let p = 0; p < flat.length; p += nf + 1) {
            for (let f = 0; f < nf; f++) if (flat[p + 1 + f] > 0) df[f]++;
          }
          for (let p = 0; p < flat.length; p += nf + 1) {
            const id = flat[p];
            let score = 0;
            for (let f = 0; f < nf; f++) {
              const tf = flat[p + 1 + f];
              if (tf > 0) {
                const idf = Math.log(1 + (n - df[f] + 0.5) / (df[f] + 0.5));
                const norm = k1 * (1 - b + b * meta.lengths[f * docs + id] / meta.avg_lengths[f]);
                score += meta.weights[f] * (idf * (1 + k1) * (tf / (tf + norm)));
              }
            }
            score = score * expansion[1];
            if (score > (best.has(id) ? best.get(id) : 0)) best.set(id, score);
          }
        }
        const distinctive = best.size * 2 <= n;
        best.forEach((score, id) => {
          const total = totals.get(id) || [0, 0];
          totals.set(id, [total[0] + (distinctive ? 1 : 0), total[1] + score]);
        });
      }
      const ranked = Array.from(totals, ([id, [covered, score]]) => [id, round(score), covered]);
      ranked.sort((x, y) => y[2] - x[2] || y[1] - x[1] || x[0] - y[0]);
      return ranked.map((r) => [r[0], r[1]]);
    }

    /** Document `id` of the export: {path, url, title, section, updated, body}. */
    async doc(id) {
      const per = this.meta.docs_per_pack;
      const name = 'd-' + Math.floor(id / per) + '.fdp';
      const i = id % per;
      return this.kept(name + '#' + i, async () => {
        const pack = await this.pack(name);
        const start = pack.offsets[i];
        const end = pack.offsets[i + 1];
        if (pack.whole) return inflate(pack.whole.subarray(start, end));
        const got = await this.range(name, start, end);
        return inflate(got.whole ? got.bytes.subarray(start, end) : got.bytes);
      });
    }

    /** The best `limit` results: [{id, path, url, title, section, updated, score, body, terms}]. */
    async search(query, limit) {
      await this.ready();
      const plan = await this.plan(query);
      const matched = new Set();
      plan.words.forEach((w) => w.expansions.forEach((e) => matched.add(e[0])));
      const top = this.rank(plan).slice(0, limit);
      const docs = await Promise.all(top.map((r) => this.doc(r[0])));
      const inBody = this.matchedInBody(plan, top);
      return top.map(([id, score], i) => {
        const doc = docs[i];
        return {
          id, path: doc.path, url: doc.url, title: doc.title, section: doc.section,
          updated: doc.updated, score, body: doc.body, terms: inBody.has(id) ? matched : NO_TERMS
        };
      });
    }

    /**
     * Which of the `top` documents hold a matched term in their body, from the postings: a result
     * that matched only in its title gets the opening of its body as a snippet without the body
     * being analysed for nothing.
     */
    matchedInBody(plan, top) {
      const nf = this.meta.fields.length;
      const body = this.meta.fields.indexOf('body');
      const wanted = new Set(top.map((r) => r[0]));
      const found = new Set();
      for (const word of plan.words) {
        for (const expansion of word.expansions) {
          const flat = plan.postings.get(expansion[0]) || [];
          for (let p = 0; p < flat.length; p += nf + 1) {
            if (flat[p + 1 + body] > 0 && wanted.has(flat[p])) found.add(flat[p]);
          }
        }
      }
      return found;
    }

    /** HTML snippet of a result's body, with matched words in <mark>. */
    snippet(hit, maxChars) {
      return snippetHtml(hit.body || '', hit.terms, maxChars || 160);
    }
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }

  /** Characters of a body analysed at a time while looking for the first match. */
  const SNIPPET_SCAN = 400;

  /** Cuts a body's unspaced runs by the query's own terms, so that their matches are found. */
  function cutByQuery(terms) {
    const byInitial = new Map();
    for (const t of terms) {
      const c = String.fromCodePoint(t.codePointAt(0));
      if (!byInitial.has(c)) byInitial.set(c, []);
      byInitial.get(c).push(t);
    }
    return (run) => cutByTerms(run, false, (c) => byInitial.get(c) || []);
  }

  /**
   * Offsets [start, end] of the first word of `body` whose terms meet `terms`, or null; `cut` is
   * cutByQuery(terms).
   */
  function firstMatch(body, terms, cut) {
    // Bodies run to thousands of characters and the match is usually early: analyse a piece at
    // a time (cut at a space, so no word is split) instead of the whole body.
    for (let from = 0; from < body.length;) {
      let to = from + SNIPPET_SCAN >= body.length ? body.length : body.indexOf(' ', from + SNIPPET_SCAN);
      if (to < 0) to = body.length;
      let hit = null;
      eachTerm(body.slice(from, to), (term, start, end) => {
        if (!hit && terms.has(term)) hit = [from + start, from + end];
      }, cut);
      if (hit) return hit;
      from = to;
    }
    return null;
  }

  /** The window of `body` around its first matched word, escaped, with matches in <mark>. */
  function snippetHtml(body, terms, maxChars) {
    const cut = cutByQuery(terms);
    const first = terms.size ? firstMatch(body, terms, cut) : null;
    let start = 0;
    if (first) {
      // About a quarter of the window before the match, from the start of a word.
      start = Math.max(0, first[0] - Math.floor(maxChars / 4));
      if (start > 0) {
        const space = body.indexOf(' ', start - 1);
        start = space >= 0 && space < first[0] ? space + 1 : first[0];
      }
    }
    let end = Math.min(body.length, start + maxChars);
    if (end < body.length) {
      const cut = body.lastIndexOf(' ', end);
      if (cut > start) end = cut;
    }
    // Only the window is analysed for the words to mark.
    const marks = [];
    if (first) {
      eachTerm(body.slice(start, end), (term, s, e) => {
        const last = marks[marks.length - 1];
        if (terms.has(term) && !(last && last[0] === start + s)) marks.push([start + s, start + e]);
      }, cut);
    }
    let html = start > 0 ? '…' : '';
    let at = start;
    for (const m of marks) {
      if (m[0] < at) continue; // a spaced pair (می شود) overlaps its second word
      html += escapeHtml(body.slice(at, m[0])) + '<mark>' + escapeHtml(body.slice(m[0], m[1])) + '</mark>';
      at = m[1];
    }
    html += escapeHtml(body.slice(at, end)) + (end < body.length ? '…' : '');
    return html.replace(/\s+/g, ' ');
  }

  const api = { analyze, analyzeQuery, decode, SearchIndex, editsWithin, snippetHtml };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
    return;
  }
  window.freshdocsSearch = api;

  // ---------------------------------------------------------------------------------------------
  // The search box: an ARIA combobox whose popup is a grid of result links (one link per row; a
  // grid rather than a listbox because options may not contain links). Focus stays in the box;
  // arrows move the active result, Enter follows it, and the links are reachable with Tab too.
  // ---------------------------------------------------------------------------------------------

  const script = document.currentScript;

  function indexBase(form) {
    if (form.dataset.searchIndex) return new URL(form.dataset.searchIndex, document.baseURI).href;
    const lang = (document.documentElement.lang || 'en').split('-')[0].toLowerCase();
    const from = script && script.src ? script.src : document.baseURI;
    return new URL('../search/' + encodeURIComponent(lang) + '/', from).href;
  }

  /** The element the results go in: the page's #search-results, else one made after the form. */
  function resultsElement(form) {
    let results = document.getElementById('search-results');
    if (!results) {
      results = document.createElement('div');
      results.id = 'search-results';
      form.insertAdjacentElement('afterend', results);
    }
    return results;
  }

  /** Result `i` as a grid row: one link with its title, section, date and snippet. */
  function resultRow(hit, snippet, i, dateFormat) {
    const row = document.createElement('div');
    row.setAttribute('role', 'row');
    const cell = document.createElement('div');
    cell.id = 'search-result-' + i;
    cell.setAttribute('role', 'gridcell');
    cell.setAttribute('aria-selected', 'false');
    row.append(cell);
    const a = document.createElement('a');
    a.href = new URL(hit.url, document.baseURI).href;
    const title = document.createElement('span');
    title.className = 'search-title';
    title.textContent = hit.title;
    a.append(title);
    if (hit.section) {
      const section = document.createElement('span');
      section.className = 'search-section';
      section.textContent = hit.section;
      a.append(' ', section);
    }
    if (hit.updated) {
      const time = document.createElement('time');
      time.className = 'search-updated';
      time.dateTime = hit.updated;
      const date = new Date(hit.updated);
      time.textContent = isNaN(date) ? hit.updated : dateFormat.format(date);
      a.append(' ', time);
    }
    if (snippet) {
      const p = document.createElement('span');
      p.className = 'search-snippet';
      p.innerHTML = snippet; // escaped by snippetHtml; only <mark> is markup
      a.append(' ', p);
    }
    cell.append(a);
    return row;
  }

  /**
   * One form's search box: its combobox markup, the active result, and which query's answer may
   * show (one that arrives after a newer query was asked is dropped).
   */
  class SearchBox {
    constructor(form, input) {
      const results = resultsElement(form);
      this.input = input;
      this.lang = document.documentElement.lang || undefined;
      this.index = new SearchIndex(indexBase(form));
      // Words of the interface come from the page (the theme's i18n strings), in its language.
      this.words = form.dataset;
      this.dateFormat = new Intl.DateTimeFormat(this.lang, { year: 'numeric', month: 'long', day: 'numeric' });
      this.active = -1;
      this.generation = 0;
      const list = document.createElement('div');
      list.id = 'search-results-list';
      list.setAttribute('role', 'grid');
      list.hidden = true;
      list.setAttribute('aria-label', this.words.resultsLabel || input.getAttribute('aria-label') || 'Search results');
      const status = document.createElement('p');
      status.className = 'search-status';
      status.setAttribute('role', 'status');
      status.setAttribute('aria-live', 'polite');
      // Whatever the theme put there (the no-JavaScript A–Z list) stays, hidden while results show.
      this.fallback = Array.from(results.children);
      results.append(status, list);
      this.list = list;
      this.status = status;

      input.setAttribute('role', 'combobox');
      input.setAttribute('aria-autocomplete', 'list');
      input.setAttribute('aria-haspopup', 'grid');
      input.setAttribute('aria-controls', list.id);
      input.setAttribute('aria-expanded', 'false');
      input.setAttribute('autocomplete', 'off');
    }

    /** "3 results", in the page's words and digits. */
    count(n) {
      const number = Number(n).toLocaleString(this.lang);
      return (n === 1 ? this.words.oneResult || '{n} result' : this.words.results || '{n} results').replace('{n}', number);
    }

    options() {
      return this.list.querySelectorAll('[role="gridcell"]');
    }

    activate(i) {
      const all = this.options();
      if (!all.length) return;
      this.active = (i + all.length) % all.length;
      all.forEach((o, j) => o.setAttribute('aria-selected', j === this.active ? 'true' : 'false'));
      this.input.setAttribute('aria-activedescendant', all[this.active].id);
      if (all[this.active].scrollIntoView) all[this.active].scrollIntoView({ block: 'nearest' });
    }

    close() {
      this.active = -1;
      this.input.setAttribute('aria-expanded', 'false');
      this.input.removeAttribute('aria-activedescendant');
    }

    /** Searches `query` and shows its results, unless another query was asked meanwhile. */
    async run(query) {
      const mine = ++this.generation;
      const empty = !query.trim();
      this.fallback.forEach((el) => { el.hidden = !empty; });
      if (empty) {
        this.list.replaceChildren();
        this.list.hidden = true;
        this.status.textContent = '';
        this.close();
        return;
      }
      let hits;
      try {
        hits = await this.index.search(query, 10);
      } catch (e) {
        this.status.textContent = this.words.unavailable || 'Search is unavailable.';
        return;
      }
      if (mine === this.generation) this.show(query, hits);
    }

    show(query, hits) {
      // Results of the words typed so far may be showing, and the customer may have picked one
      // with the arrows: it stays picked if the new results still hold it.
      const picked = this.active >= 0 ? this.options()[this.active].querySelector('a').href : null;
      this.list.replaceChildren(...hits.map((hit, i) => resultRow(hit, this.index.snippet(hit), i, this.dateFormat)));
      this.list.hidden = hits.length === 0;
      this.list.dataset.query = query;
      this.status.textContent = hits.length ? this.count(hits.length) : this.words.noResults || 'No results.';
      this.active = -1;
      this.input.removeAttribute('aria-activedescendant');
      this.input.setAttribute('aria-expanded', hits.length ? 'true' : 'false');
      const again = Array.from(this.options()).findIndex((o) => o.querySelector('a').href === picked);
      if (again >= 0) this.activate(again);
    }

    /** Arrows, Home and End move the active result, Enter follows it; Escape closes, then clears. */
    key(e) {
      const n = this.options().length;
      if (e.key === 'ArrowDown' && n) {
        e.preventDefault();
        this.input.setAttribute('aria-expanded', 'true');
        this.activate(this.active + 1);
      } else if (e.key === 'ArrowUp' && n) {
        e.preventDefault();
        this.activate(this.active < 0 ? n - 1 : this.active - 1);
      } else if (e.key === 'Home' && n && this.active >= 0) {
        e.preventDefault();
        this.activate(0);
      } else if (e.key === 'End' && n && this.active >= 0) {
        e.preventDefault();
        this.activate(n - 1);
      } else if (e.key === 'Enter' && this.active >= 0) {
        e.preventDefault();
        this.options()[this.active].querySelector('a').click();
      } else if (e.key === 'Escape') {
        if (this.input.getAttribute('aria-expanded') === 'true') this.close();
        else {
          this.input.value = '';
          this.run('');
        }
      }
    }
  }

  /** Turns one search form into a SearchBox that searches as the customer types. */
  function setup(form) {
    const input = form.querySelector('input[type="search"][name="q"]');
    if (!input) return;
    const box = new SearchBox(form, input);
    let timer = 0;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => box.run(input.value), 120);
    });
    input.addEventListener('keydown', (e) => box.key(e));
    // meta.fdz as soon as the box has focus: the first query then waits only for its own files.
    input.addEventListener('focus', () => box.index.ready().catch(() => {}));
    const q = new URLSearchParams(location.search).get('q');
    if (q) {
      input.value = q;
      box.run(q);
    }
  }

  function init() {
    // Without gzip and raw deflate decompression (Safari before 16.4, Chrome before 103, Firefox
    // before 113) the export cannot be read: the forms keep their behaviour without JavaScript, a
    // link to the A–Z page.
    try {
      new DecompressionStream('gzip');
      new DecompressionStream('deflate-raw');
    } catch {
      return;
    }
    document.querySelectorAll('form[role="search"]').forEach(setup);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
