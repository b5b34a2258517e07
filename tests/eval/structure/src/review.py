"""Authoring aid: list places worth a second human look (not a labeller)."""
import json, glob, re
cand = re.compile(r'([.!?…]+["”’\']?)\s+(["“‘\']?[A-Z0-9])')
for f in sorted(glob.glob('pages/*.json')):
    p = json.load(open(f))
    n = len(p['lines'])
    if not 15 <= n <= 45: print(p['id'], 'LINES', n)
    for l in p['lines']:
        if l['role'] != 'body': continue
        for s in l['sentences']:
            for m in cand.finditer(s):
                ctx = s[max(0, m.start()-25): m.end()+15]
                print(p['id'], 'INTERNAL?', repr(ctx))
            if not re.search(r'[.!?]["”’\']?$|[.!?]\)$', s):
                print(p['id'], 'NOEND', repr(s[-50:]))
            if s[0].islower(): print(p['id'], 'LOWERSTART', repr(s[:40]))
