#!/usr/bin/env python3
"""Summarize collapsed stacks from async-profiler: samples per request, Keycard's frames apart.

    profile_summary.py FILE.collapsed REQUESTS [cpu|alloc] [TOP]

For cpu, each sample is one interval (100 us by default), so samples per request times the
interval is the CPU time per request; a frame's "inclusive" share counts the samples with that
frame anywhere on the stack, "self" those where it is on top.
"""
import collections
import sys


def main():
    path, requests = sys.argv[1], int(sys.argv[2])
    event = sys.argv[3] if len(sys.argv) > 3 else "cpu"
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 25
    total = 0
    own = collections.Counter()
    inclusive = collections.Counter()
    keycard = 0
    with open(path) as stacks:
        for line in stacks:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            count = int(count)
            frames = stack.split(";")
            total += count
            own[frames[-1]] += count
            for frame in set(frames):
                inclusive[frame] += count
            if any("dev/keycard/session" in frame or "dev.keycard.session" in frame for frame in frames):
                keycard += count
    unit = "samples" if event == "cpu" else "bytes"
    print(f"{total} {unit}, {total / requests:.2f} per request; with a Keycard frame on the stack: "
          f"{keycard / total:.1%} ({keycard / requests:.2f} per request)")
    print(f"\nself, top {top}:")
    for frame, count in own.most_common(top):
        print(f"{count / total:7.1%} {count / requests:8.3f}/req  {frame}")
    print(f"\nKeycard frames, inclusive, top {top}:")
    ranked = [(f, c) for f, c in inclusive.most_common() if "keycard" in f][:top]
    for frame, count in ranked:
        print(f"{count / total:7.1%} {count / requests:8.3f}/req  {frame}")


if __name__ == "__main__":
    main()
