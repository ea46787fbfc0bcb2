#!/usr/bin/env python3
"""Checks the format of labelled corpus files (never their judgements).

Usage: python3 tests/corpus/validate.py FILE.jsonl [FILE.jsonl ...]
Prints every problem with its line number and exits 1 if there is any.
"""
import datetime
import json
import re
import sys

STYLES = {
    "visit_note", "letter_to_child", "early_years_obs", "foster_log", "chronology",
    "danger_statement", "strategy_minutes", "out_of_hours", "supervision",
    "court_statement", "direct_work", "family_time_us", "fragment",
    "unattributed_quote", "dictated", "teen_slang", "parent_account", "guidance_example",
}
CATEGORIES = {"high_risk", "s47_strategy_significant", "statutory_visit", "other"}
STATUSES = {"on_time", "overdue", "unknown"}
AREAS = {"ethnicity", "race", "culture", "gender", "age", "religion", "language",
         "communication", "sensory_impairment", "disability", "sexual_orientation"}
CONTEXT_KEYS = {"event", "event_at", "recorded_at", "child", "equality"}
LABEL_KEYS = {"opinion", "opinion_sentences", "child_voice", "voice_sentences", "equality",
              "jargon", "stigmatising", "vague", "traps", "deadline", "deadline_evidence", "status"}
TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")


def problems_of(note, seen):
    p = []
    for key in ("id", "style", "writer", "text", "context", "labels"):
        if key not in note:
            p.append(f"missing key {key!r}")
    if p:
        return p
    extra = set(note) - {"id", "style", "writer", "text", "context", "labels"}
    if extra:
        p.append(f"unknown keys {sorted(extra)}")
    if note["id"] in seen:
        p.append(f"duplicate id {note['id']!r}")
    seen.add(note["id"])
    if note["style"] not in STYLES:
        p.append(f"unknown style {note['style']!r}")
    text = note["text"]
    if not isinstance(text, str) or not text.strip():
        p.append("text is empty")
        return p
    ctx = note["context"]
    if not isinstance(ctx, dict):
        p.append("context is not an object")
        ctx = {}
    if set(ctx) - CONTEXT_KEYS:
        p.append(f"unknown context keys {sorted(set(ctx) - CONTEXT_KEYS)}")
    for key in ("event_at", "recorded_at"):
        if key in ctx:
            if not (isinstance(ctx[key], str) and TIME.match(ctx[key])):
                p.append(f"context.{key} must be YYYY-MM-DDTHH:MM")
            else:
                try:
                    datetime.datetime.strptime(ctx[key], "%Y-%m-%dT%H:%M")
                except ValueError:
                    p.append(f"context.{key} is not a real date")
    if "event_at" in ctx and "recorded_at" in ctx and ctx["recorded_at"] < ctx["event_at"]:
        p.append("recorded_at is before event_at")
    if "event" in ctx and ctx["event"] not in CATEGORIES:
        p.append(f"context.event must be one of {sorted(CATEGORIES)}")
    child = ctx.get("child", {})
    if not isinstance(child, dict) or set(child) - {"name", "age_years"}:
        p.append("context.child may hold only name and age_years")
    elif "age_years" in child and not isinstance(child["age_years"], (int, float)):
        p.append("context.child.age_years must be a number")
    eq = ctx.get("equality", {})
    if not isinstance(eq, dict) or set(eq) - AREAS or not all(isinstance(v, str) for v in eq.values()):
        p.append("context.equality maps area names to strings")
    labels = note["labels"]
    missing = LABEL_KEYS - set(labels) - {"deadline_evidence"}
    if missing:
        p.append(f"labels missing {sorted(missing)}")
    if set(labels) - LABEL_KEYS:
        p.append(f"unknown label keys {sorted(set(labels) - LABEL_KEYS)}")
    for key in ("opinion", "child_voice"):
        if not isinstance(labels.get(key), bool):
            p.append(f"labels.{key} must be true or false")
    for flag, key in (("opinion", "opinion_sentences"), ("child_voice", "voice_sentences")):
        spans = labels.get(key, [])
        if labels.get(flag) is True and not spans:
            p.append(f"labels.{flag} is true but labels.{key} is empty")
        if labels.get(flag) is False and spans:
            p.append(f"labels.{flag} is false but labels.{key} is not empty")
    for key in ("opinion_sentences", "voice_sentences", "jargon", "stigmatising", "vague", "traps"):
        values = labels.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            p.append(f"labels.{key} must be a list of non-empty strings")
            continue
        for v in values:
            if v not in text:
                p.append(f"labels.{key}: {v!r} is not in the text exactly as written")
    areas = labels.get("equality", [])
    if not isinstance(areas, list) or set(areas) - AREAS:
        p.append(f"labels.equality must use only {sorted(AREAS)}")
    if labels.get("deadline") not in CATEGORIES:
        p.append(f"labels.deadline must be one of {sorted(CATEGORIES)}")
    ev = labels.get("deadline_evidence")
    if ev is not None and (not isinstance(ev, str) or ev not in text):
        p.append("labels.deadline_evidence must be a string in the text exactly as written")
    if labels.get("status") not in STATUSES:
        p.append(f"labels.status must be one of {sorted(STATUSES)}")
    elif ("event_at" not in ctx or "recorded_at" not in ctx) and labels["status"] != "unknown":
        p.append("labels.status must be unknown when event_at or recorded_at is missing")
    return p


def main(paths):
    bad = 0
    count = 0
    for path in paths:
        seen = set()
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                count += 1
                try:
                    note = json.loads(line)
                except json.JSONDecodeError as e:
                    print(f"{path}:{n}: not JSON: {e}")
                    bad += 1
                    continue
                for problem in problems_of(note, seen):
                    print(f"{path}:{n}: {note.get('id', '?')}: {problem}")
                    bad += 1
    print(f"{count} notes, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
