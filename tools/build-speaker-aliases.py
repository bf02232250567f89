#!/usr/bin/env python3
"""Rebuilds src/Verbatim/Resources/speaker-aliases.tsv (the speaker identity seed) from ../shared/data/gazetteers.

  python3 tools/build-speaker-aliases.py [../shared/data/gazetteers]

One line per person and role: canonical name, aliases (|-separated: first/nickname/middle-initial/suffix forms and
the official full name), Wikidata id, role, from, to, gender (M/F, from bio.gender), since (the start of the person's
first term in that house or office: a legislator's latest role is dated from its latest term, the person was in office
before) and surname (name.last: "De La Cruz", not "Cruz"). Sources (CC0): unitedstates/congress-legislators
legislators-current.yaml (current members of Congress; role from their latest term) and executive.yaml (US presidents
and vice presidents; one line per consecutive run of terms, so "the American president" resolves by date).
Needs PyYAML.
"""
import os, sys
import yaml

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'data', 'gazetteers')
src = os.path.join(root, 'us_congress_legislators')
out = os.path.join(os.path.dirname(__file__), '..', 'src', 'Verbatim', 'Resources', 'speaker-aliases.tsv')

def plain(n):
    """A first name written with its nickname in parentheses ("James (Jim)") is the first name and the nickname."""
    first = n.get('first', '')
    if '(' in first and first.endswith(')'):
        given, nick = first[:-1].split('(', 1)
        n = dict(n, first=given.strip())
        n.setdefault('nickname', nick.strip())
    return n

def names(n):
    n = plain(n)
    first, last = n.get('first', ''), n.get('last', '')
    middle, nick, suffix, full = n.get('middle'), n.get('nickname'), n.get('suffix'), n.get('official_full')
    canonical = f"{nick or first} {last}"
    forms = []
    for given in filter(None, [first, nick]):
        forms.append(f"{given} {last}")
        if middle:
            forms.append(f"{given} {middle[0]}. {last}")
            forms.append(f"{given} {middle} {last}")
        if suffix:
            forms.append(f"{given} {last} {suffix}")
    if full:
        forms.append(full)
    seen, aliases = {canonical}, []
    for f in forms:
        if f not in seen:
            seen.add(f); aliases.append(f)
    return canonical, aliases

# Two people with one short name (George Bush, father and son): their canonical names carry the middle initial,
# and the short name is left out (the directory treats a name claimed by two people as ambiguous anyway).
def short(n):
    n = plain(n)
    return f"{n.get('nickname') or n.get('first', '')} {n.get('last', '')}"

people = yaml.safe_load(open(os.path.join(src, 'legislators-current.yaml'), encoding='utf-8')) + \
    yaml.safe_load(open(os.path.join(src, 'executive.yaml'), encoding='utf-8'))
owners = {}
for p in people:
    owners.setdefault(short(p['name']), set()).add(p['id'].get('bioguide'))
SHARED = {k for k, v in owners.items() if len(v) > 1}

def names_of(n):
    n = plain(n)
    canonical, aliases = names(n)
    if canonical in SHARED:
        middle = n.get('middle')
        full = f"{n.get('nickname') or n.get('first')} {middle[0]}. {n['last']}" if middle else canonical
        aliases = [a for a in aliases if a != full and a not in SHARED]
        canonical = full
    return canonical, aliases

STATE_ROLE = {'sen': 'Senator', 'rep': 'Representative'}
rows = []
for p in yaml.safe_load(open(os.path.join(src, 'legislators-current.yaml'), encoding='utf-8')):
    canonical, aliases = names_of(p['name'])
    t = p['terms'][-1]
    role = f"{STATE_ROLE.get(t['type'], t['type'])} of the United States from {t['state']}"
    since = min(x['start'] for x in p['terms'])
    rows.append((canonical, aliases, p['id'].get('wikidata', ''), role, t['start'], t['end'], p['bio'].get('gender', ''), since, plain(p['name'])['last']))

OFFICE = {'prez': 'President of the United States', 'viceprez': 'Vice President of the United States'}
for p in yaml.safe_load(open(os.path.join(src, 'executive.yaml'), encoding='utf-8')):
    canonical, aliases = names_of(p['name'])
    runs = []
    for t in p['terms']:
        if runs and runs[-1][0] == t['type'] and runs[-1][2] >= t['start']:
            runs[-1][2] = max(runs[-1][2], t['end'])
        else:
            runs.append([t['type'], t['start'], t['end']])
    for kind, start, end in runs:
        rows.append((canonical, aliases, p['id'].get('wikidata', ''), OFFICE.get(kind, kind), start, end, p['bio'].get('gender', ''), start, plain(p['name'])['last']))

with open(out, 'w', encoding='utf-8', newline='\n') as f:
    f.write('# canonical\taliases\twikidata\trole\tfrom\tto\tgender\tsince\tsurname  (built by tools/build-speaker-aliases.py; CC0 unitedstates/congress-legislators)\n')
    for canonical, aliases, qid, role, start, end, gender, since, last in rows:
        f.write('\t'.join([canonical, '|'.join(aliases), qid or '', role, str(start), str(end), gender, str(since), last]) + '\n')
print(f'speaker-aliases.tsv: {len(rows)} lines')
