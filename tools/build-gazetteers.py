#!/usr/bin/env python3
"""Rebuilds the small gazetteer tables shipped in src/Verbatim/Resources from ../shared/data/gazetteers.

  python3 tools/build-gazetteers.py [../shared/data/gazetteers]

first-names.tsv: given names with the sex they are most given to (US SSA baby names, federal data,
  via github.com/hackerb9/ssa-baby-names), kept when the name reached 500 births in its top year and
  one sex holds at least 90% of the top-year counts.
countries.tsv: country common names and English demonyms (mledoze/countries, ODbL 1.0).
capitals.tsv: one-word capital cities (mledoze/countries, ODbL 1.0), without those that are also a given name in
  first-names.tsv or a surname of at least 5,000 people in the 2010 US census ("Hamilton", "Santiago", "Victoria"),
  so that "Hamilton said" stays a person.
surnames.tsv: surnames of at least 1,000 people in the 2010 US census (lower case, one a line), so that a lone surname the
  part-of-speech tagger reads as a common noun ("Sanders", "Richards", "Cox") stays a person's name.
"""
import collections, json, os, sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'data', 'gazetteers')
out = os.path.join(os.path.dirname(__file__), '..', 'src', 'Verbatim', 'Resources')

counts = collections.defaultdict(dict)
with open(os.path.join(root, 'ssa_first_names', 'maxoccurbysex.txt'), encoding='utf-8') as f:
    for line in f:
        name, sex, n, _ = line.strip().split(',')
        counts[name][sex] = int(n)
rows = []
for name, by in counts.items():
    total = sum(by.values())
    sex, top = max(by.items(), key=lambda kv: (kv[1], kv[0]))
    if top >= 500 and top / total >= 0.9:
        rows.append((name, sex))
rows.sort()
with open(os.path.join(out, 'first-names.tsv'), 'w', encoding='utf-8', newline='\n') as f:
    for name, sex in rows:
        f.write(f'{name}\t{sex}\n')

countries = json.load(open(os.path.join(root, 'world_countries', 'countries.json'), encoding='utf-8'))
lines = set()
for c in countries:
    name = c['name']['common']
    dem = (c.get('demonyms') or {}).get('eng', {}).get('m') or ''
    lines.add(f'{name}\t{dem}')
with open(os.path.join(out, 'countries.tsv'), 'w', encoding='utf-8', newline='\n') as f:
    for l in sorted(lines):
        f.write(l + '\n')
import csv
with open(os.path.join(root, 'us_census_2010_surnames', 'last-name.csv'), encoding='utf-8') as f:
    surnames = {r['last_name'].lower(): int(r['count']) for r in csv.DictReader(f)}
given = {name.lower() for name, _ in rows}
capitals = sorted({cap for c in countries for cap in c.get('capital', [])
                   if ' ' not in cap and '-' not in cap and cap.lower() not in given and surnames.get(cap.lower(), 0) < 5000})
with open(os.path.join(out, 'capitals.tsv'), 'w', encoding='utf-8', newline='\n') as f:
    for cap in capitals:
        f.write(cap + '\n')
common_surnames = sorted(name for name, n in surnames.items() if n >= 1000 and name)
with open(os.path.join(out, 'surnames.tsv'), 'w', encoding='utf-8', newline='\n') as f:
    for name in common_surnames:
        f.write(name + '\n')
print(f'first-names.tsv: {len(rows)} names; countries.tsv: {len(lines)} countries; capitals.tsv: {len(capitals)} capitals; '
      f'surnames.tsv: {len(common_surnames)} surnames')
