"""Scores of the agreement corpus by NeMo Curator's heuristic rules, recomputed in CPython.

An independent re-statement, written for synthkit from the rules in
shared/reference/nemo-heuristic-semantics.md (not NeMo's code), using what NeMo relies on: Python's
str.split(), str.strip(), str.lower(), str.replace() and the `regex` module's POSIX classes.
Texts where NeMo divides by zero get None. Run from the package folder:

    python3 scripts/reference-scores.py > src/__fixtures__/corpus-reference-scores.json
"""
import json
import re
import sys

import regex

URL = re.compile(r"https?://(?:[a-zA-Z0-9$-_@.&+!*(),]|%[0-9a-fA-F]{2})+")
ALPHA = regex.compile("[[:alpha:]]")
DIGIT = regex.compile("[[:digit:]]")
ALNUM = re.compile("[a-zA-Z0-9\n?!,.]")
ELLIPSES = ["...", "[...]", "\u2026", "(...)", "[\u2026]", "-\u00bb", "read more..", "read more"]
BULLETS = "\u2022\u2023\u2043\u204c\u204d\u2219\u25cb\u25cf\u25d8\u25e6\u29be\u29bf"
COMMON = {"the", "be", "to", "of", "and", "that", "have", "with"}
NOTICES = ["terms of use", "privacy policy", "cookie policy", "uses cookies", "privacy overview", "use of cookies",
           "use cookies", "privacy & cookies policy", "privacy and cookies policy"]


def ratio(count, text):
    return count / len(text) if text else 1.0


def safe(fn):
    try:
        return fn()
    except (ZeroDivisionError, ValueError):
        return None


def lines_of(text):
    return [line for line in text.split("\n") if line.strip()]


def top_ngram(text, n):
    words = text.strip().split()
    if len(words) < n:
        return 1.0
    grams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    counts = {}
    for gram in grams:
        counts[gram] = counts.get(gram, 0) + 1
    best = max(counts.values())
    first = next(gram for gram in grams if counts[gram] == best)  # ties: the first in the text
    joined = " ".join(first)
    return (len(text) - len(text.replace(joined, ""))) / len(text)


def duplicate_ngram(text, n):
    words = text.strip().split()
    if len(words) < n:
        return 1.0
    seen, chars, overlap = {}, 0, 0
    for i in range(len(words) - n + 1):
        gram = tuple(words[i:i + n])
        seen[gram] = seen.get(gram, 0) + 1
        if seen[gram] > 1:
            chars += sum(len(w) for w in gram[overlap:]) + min(n - overlap, n - 1)
            overlap = n
        overlap = max(overlap - 1, 0)
    return chars / len(text)


def by_char(pieces):
    return len("".join(set(pieces))) / len("".join(pieces))


def symbols(text):
    words = text.strip().split()
    hits = sum(1 for w in words if w in ELLIPSES or len(re.findall("#+", w)) / len(w) > 0.5)
    return hits / len(words)


def boilerplate(text):
    paragraphs = text.split("\n\n")
    count = 0
    for p in paragraphs:
        p = p.strip().lower()
        if "lorem ipsum" in p:
            return 1.0
        if any(s in p for s in NOTICES):
            count += 1
    return count / len(paragraphs)


def common_words(text, minimum=2):
    count = 0
    for w in text.strip().split():
        count += w in COMMON
        if count >= minimum:
            return count
    return count


def scores(text):
    words = text.strip().split()
    lines = lines_of(text)
    paragraphs = text.split("\n\n")
    result = {
        "non-alpha-numeric": ratio(len(text) - len(ALNUM.findall(text)), text),
        "symbols-to-words": safe(lambda: symbols(text)),
        "numbers": ratio(len(DIGIT.findall(text)), text),
        "urls": ratio(sum(len(u) for u in URL.findall(text)), text),
        "bullets": safe(lambda: sum(1 for l in lines if l.strip()[:1] in BULLETS and l.strip()[:1] != "") / len(lines)),
        "whitespace": ratio(sum(1 for c in text if c in "\t\n\r\b "), text),
        "parentheses": ratio(sum(1 for c in text if c in "{}\u27e8\u27e9[]()"), text),
        "long-word": safe(lambda: max(len(w) for w in words)),
        "word-count": len(words),
        "boilerplate-string": boilerplate(text),
        "mean-word-length": safe(lambda: sum(len(w) for w in words) / len(words)),
        "repeated-lines": safe(lambda: len(set(lines)) / len(lines)),
        "repeated-paragraphs": len(set(paragraphs)) / len(paragraphs),
        "repeated-lines-by-char": safe(lambda: by_char(lines)),
        "repeated-paragraphs-by-char": safe(lambda: by_char(paragraphs)),
        "punctuation": safe(lambda: sum(1 for l in lines if not l.strip().endswith((".", "?", "!", '"', "'"))) / len(lines)),
        "ellipsis": safe(lambda: sum(1 for l in lines if l.strip().lower().endswith(tuple(ELLIPSES))) / len(lines)),
        "common-english-words": common_words(text),
        "words-without-alphabets": safe(lambda: sum(1 for w in words if ALPHA.search(w)) / len(words)),
        "pornographic-urls": 1 if any("porn" in u for u in URL.findall(text)) else 0,
    }
    for n in (2, 3, 4):
        result[f"repeating-top-ngrams:{n}"] = top_ngram(text, n)
    for n in (2, 5, 6, 7, 8, 9, 10):
        result[f"repeating-duplicate-ngrams:{n}"] = duplicate_ngram(text, n)
    return result


corpus = [json.loads(line) for line in open("src/__fixtures__/debian-corpus.jsonl", encoding="utf-8")]
json.dump([{"id": doc["id"], "scores": scores(doc["text"])} for doc in corpus], sys.stdout, indent=1)
sys.stdout.write("\n")
