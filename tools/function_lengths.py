#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Longest function definitions (signature to closing brace) in clang-formatted C++ sources.
# Usage: TOP=10 tools/function_lengths.py fetch/*.cc parse/*.cc analyze/*.cc report/*.cc core/*.cc cli/*.cc
import re, sys, glob
KW = re.compile(r'^\s*(if|for|while|switch|else|do|namespace|struct|class|enum|union|extern|try|catch|return)\b')
out = []
for path in sys.argv[1:]:
    lines = open(path, errors='replace').read().split('\n')
    i = 0
    stmt_start = 0
    while i < len(lines):
        l = lines[i]
        s = l.strip()
        if s == '' or s.startswith('//') or s.startswith('#'):
            i += 1; stmt_start = i; continue
        ind = len(l) - len(l.lstrip())
        if s.endswith('{'):
            first = lines[stmt_start] if stmt_start <= i else l
            sig = ' '.join(x.strip() for x in lines[stmt_start:i+1])
            find = len(first) - len(first.lstrip())
            if '(' in sig and not KW.match(first) and '=' not in sig.split('(')[0] and find <= 2:
                close = ' ' * find + '}'
                j = i + 1
                while j < len(lines) and not (lines[j] == close or lines[j].startswith(close + ' ') or lines[j].startswith(close + ';')):
                    j += 1
                name = re.findall(r'([A-Za-z_][A-Za-z0-9_:~]*)\s*\(', sig)
                out.append((j - stmt_start + 1, path, stmt_start + 1, name[0] if name else sig[:40]))
                i = j + 1; stmt_start = i; continue
        if s.endswith(';') or s.endswith('{') or s.endswith('}') or re.match(r'^(public|private|protected):$', s):
            stmt_start = i + 1
        i += 1
out.sort(reverse=True)
for n, p, ln, name in out[:int(__import__('os').environ.get('TOP', '15'))]:
    print(f'{n:5d}  {p}:{ln}  {name}')
