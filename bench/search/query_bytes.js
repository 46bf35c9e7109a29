// Which files of freshdocs' export a query fetches, without a browser: runs the theme's search.js
// (its module build) over the export folder with a loader that reads the files and counts them.
//
//   node bench/search/query_bytes.js SITE/search/en "export data" "phone" ...
//   node bench/search/query_bytes.js --typed SITE/search/en "phone"   # one search per keystroke
//
// Prints per query: result count, and for meta.fdz, term shards (t-*) and documents (d-*, ranges
// of their packs: each pack's offsets, then each document): fetches and their bytes. The export's files are gzip-compressed on disk, so these are
// the bytes any host sends, compressing or not. With --typed, the query is searched after every
// character typed (p, ph, pho, ...) on ONE index object (as the search box does when the typing
// pauses longer than its 120 ms debounce) and the totals are for the whole word.
const fs = require('fs');
const path = require('path');
const api = require(path.join(__dirname, '../../themes/default/static/search.js'));

let argv = process.argv.slice(2);
const typed = argv[0] === '--typed';
if (typed) argv = argv.slice(1);
const [dir, ...queries] = argv;

(async () => {
  for (const q of queries) {
    const log = [];
    const index = new api.SearchIndex('', (name) => {
      const data = fs.readFileSync(path.join(dir, name));
      log.push([name, data.length]);
      return api.decode(data);
    }, async (name, start, end) => {
      // A range of a pack of documents (d-*.fdp), as a range request fetches it.
      const data = fs.readFileSync(path.join(dir, name)).subarray(start, end);
      log.push([name, data.length]);
      return { bytes: data, whole: false };
    });
    let hits = [];
    const steps = typed ? Array.from(q).map((_, i) => Array.from(q).slice(0, i + 1).join('')) : [q];
    for (const step of steps) if (step.trim()) hits = await index.search(step, 10);
    const part = (prefix) => {
      const xs = log.filter((x) => x[0].startsWith(prefix));
      return `${xs.length} files ${(xs.reduce((a, x) => a + x[1], 0) / 1024).toFixed(1)} KiB`;
    };
    const all = (i) => (log.reduce((a, x) => a + x[i], 0) / 1024).toFixed(1);
    console.log(`${JSON.stringify(q)}${typed ? ' (typed)' : ''}: ${hits.length} shown | meta ${part('meta')} | ` +
      `t ${part('t-')} | i ${part('i-')} | d ${part('d-')} | total ${all(1)} KiB`);
  }
})();
