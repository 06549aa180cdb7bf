#!/usr/bin/env python3
"""Summarize collapsed stacks from async-profiler: samples per request, Keycard's frames apart.

    profile_summary.py FILE.collapsed REQUESTS [cpu|alloc] [TOP]

For cpu, each sample is one interval (100 us by default), so samples per request times the
interval is the CPU time per request; a frame's "inclusive" share counts the samples with that
frame anywhere on the stack, "self" those where it is on top. "Keycard's own" counts the
samples below a Keycard frame but not below the rest of the filter chain it calls (the
application, Spring MVC, the body passed on to Tomcat): what Keycard's code and the libraries it
calls cost.
"""
import collections
import sys


def is_keycard(frame):
    return "dev/keycard/session" in frame or "dev.keycard.session" in frame


def is_chain(frame):
    # The body Keycard's response wrapper passes on to Tomcat is the application's, not Keycard's.
    return frame.startswith(("org/apache/catalina/core/ApplicationFilterChain.doFilter",
                             "org/springframework/web/servlet/FrameworkServlet.service",
                             "org/apache/catalina/connector/CoyoteOutputStream.write"))


def main():
    path, requests = sys.argv[1], int(sys.argv[2])
    event = sys.argv[3] if len(sys.argv) > 3 else "cpu"
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 25
    total = 0
    own = collections.Counter()
    inclusive = collections.Counter()
    keycard = 0
    keycard_own = 0
    own_frames = collections.Counter()
    with open(path) as stacks:
        for line in stacks:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            count = int(count)
            frames = stack.split(";")
            total += count
            own[frames[-1]] += count
            for frame in set(frames):
                inclusive[frame] += count
            marked = [i for i, frame in enumerate(frames) if is_keycard(frame)]
            if marked:
                keycard += count
                below = frames[marked[-1] + 1:]
                if not any(is_chain(frame) for frame in below):
                    keycard_own += count
                    own_frames[frames[marked[-1]]] += count
    unit = "samples" if event == "cpu" else "bytes"
    print(f"{total} {unit}, {total / requests:.2f} per request; with a Keycard frame on the stack: "
          f"{keycard / total:.1%} ({keycard / requests:.2f} per request)")
    print(f"Keycard's own (not the chain below its filter): {keycard_own / total:.1%} "
          f"({keycard_own / requests:.3f} per request)")
    for frame, count in own_frames.most_common(12):
        print(f"{count / total:7.1%} {count / requests:8.3f}/req  below {frame}")
    print(f"\nself, top {top}:")
    for frame, count in own.most_common(top):
        print(f"{count / total:7.1%} {count / requests:8.3f}/req  {frame}")
    print(f"\nKeycard frames, inclusive, top {top}:")
    ranked = [(f, c) for f, c in inclusive.most_common() if "keycard" in f][:top]
    for frame, count in ranked:
        print(f"{count / total:7.1%} {count / requests:8.3f}/req  {frame}")


if __name__ == "__main__":
    main()
