#!/usr/bin/env python3
"""Rebuilds src/Verbatim/Resources/learned-cue-phrases.tsv: cue phrases learned from PolNeAR train.

  python3 tools/build-cue-table.py [../shared/data/polnear/train]

For every cue span the annotators marked (lower-cased, edge punctuation dropped, at most three words),
counts how often it is a cue and how often the same words occur anywhere outside quotation marks in
the train texts; keeps phrases seen as a cue at least 3 times in at least 25% of their occurrences.
Columns: phrase, times a cue, occurrences, share a cue, share whose content starts after the cue.
Only train is read (dev stays for reporting). The table holds counts and words, no article text.
"""
import collections, glob, os, re, sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'data', 'polnear', 'train')
out = os.path.join(os.path.dirname(__file__), '..', 'src', 'Verbatim', 'Resources', 'learned-cue-phrases.tsv')
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")

def words(s):
    return [w.lower().replace('’', "'") for w in WORD.findall(s)]

cue_count = collections.Counter()
after = collections.Counter()
texts = {}
for ann in sorted(glob.glob(os.path.join(root, 'attributions', '*.ann'))):
    name = os.path.basename(ann).rsplit('_', 1)[0]
    if name in texts:  # several annotators: the first file in name order, as the scorer does
        continue
    with open(os.path.join(root, 'text', name + '.txt'), encoding='utf-8') as f:
        texts[name] = f.read()
    spans = {}
    events = []
    for line in open(ann, encoding='utf-8'):
        parts = line.rstrip('\n').split('\t')
        if line.startswith('T') and len(parts) >= 3:
            kind, *rest = parts[1].split(' ')
            ranges = [tuple(map(int, r.split())) for r in ' '.join(rest).split(';')]
            spans[parts[0]] = (kind, ranges, parts[2])
        elif line.startswith('E') and len(parts) >= 2:
            events.append(dict(a.split(':') for a in parts[1].split(' ') if ':' in a))
    for e in events:
        cue = spans.get(e.get('Cue', ''))
        if not cue:
            continue
        w = words(cue[2])
        if not w or len(w) > 3:
            continue
        phrase = ' '.join(w)
        cue_count[phrase] += 1
        content = spans.get(e.get('Content', ''))
        if content and content[1][0][0] >= cue[1][-1][1] and content[1][0][0] - cue[1][-1][1] <= 12:
            after[phrase] += 1

QUOTED = re.compile(r'["“”«»][^"“”«»]*["“”«»]')
occurrences = collections.Counter()
candidates = {p for p, n in cue_count.items() if n >= 3}
for text in texts.values():
    w = words(QUOTED.sub(' ', text))
    for n in (1, 2, 3):
        for i in range(len(w) - n + 1):
            p = ' '.join(w[i:i + n])
            if p in candidates:
                occurrences[p] += 1

rows = []
for p in sorted(candidates):
    occ = max(occurrences[p], cue_count[p])
    share = cue_count[p] / occ
    if share >= 0.25:
        rows.append((p, cue_count[p], occ, share, after[p] / cue_count[p]))
with open(out, 'w', encoding='utf-8', newline='\n') as f:
    f.write('# phrase\tcue\toccurrences\tshare\tcontent_after\n')
    for p, n, occ, share, aft in rows:
        f.write(f'{p}\t{n}\t{occ}\t{share:.3f}\t{aft:.3f}\n')
print(f'{len(rows)} cue phrases from {len(texts)} train articles -> {out}')
