// Runs compromise's quotation finder (nlp(text).quotations()) over text files, writes its spans as JSON Lines
// {"id", "spans": [[start, end], ...]} (UTF-16 offsets into the file's text, BOM removed, as Verbatim reads it) and
// prints one JSON line with its speed: words (whitespace-separated, after a " date YYYY-MM-DD " header) per CPU-second
// of the nlp() + quotations() calls, one thread, after a warm-up pass.
// Usage: node quotes.mjs OUT.jsonl FILE_OR_FOLDER...
import fs from 'node:fs';
import path from 'node:path';
import nlp from 'compromise';

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length === 0) {
  console.error('usage: node quotes.mjs OUT.jsonl FILE_OR_FOLDER...');
  process.exit(2);
}
const files = inputs.flatMap(p => fs.statSync(p).isDirectory()
  ? fs.readdirSync(p).filter(f => f.endsWith('.txt')).sort().map(f => path.join(p, f))
  : [p]);
const texts = files.map(f => {
  let text = fs.readFileSync(f, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { id: path.basename(f, '.txt'), text };
});
const words = t => {
  const body = /^ date \d{4}-\d{2}-\d{2} /.test(t) ? t.slice(17) : t;
  return body.split(/\s+/).filter(w => w.length > 0).length;
};
const find = text => nlp(text).quotations().json({ offset: true })
  .map(q => [q.offset.start, q.offset.start + q.offset.length]);

// Warm-up pass, which also gives the spans.
const lines = texts.map(({ id, text }) => JSON.stringify({ id, spans: find(text) }));
fs.writeFileSync(out, lines.join('\n') + '\n');

let passes = 0;
const start = process.cpuUsage();
let cpu = 0;
do {
  for (const { text } of texts) find(text);
  passes++;
  const used = process.cpuUsage(start);
  cpu = (used.user + used.system) / 1e6;
} while (cpu < 1.0);
const totalWords = texts.reduce((n, t) => n + words(t.text), 0);
console.log(JSON.stringify({
  system: 'compromise',
  articles: texts.length,
  words: totalWords,
  cpu_seconds: Number(cpu.toFixed(3)),
  words_per_cpu_second: Math.round(totalWords * passes / cpu),
}));
