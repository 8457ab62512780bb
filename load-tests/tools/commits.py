"""What commit-delay.py and gc-overlap.py share: which forecast made each exactly-once commit visible.

A checkpoint's commit is visible at the first forecast a read-committed consumer saw after the checkpoint
completed, provided that forecast came before the next checkpoint completed (otherwise nothing of the run became
visible with this commit). X = that moment minus the checkpoint's trigger.
"""
import bisect


def quantile(values, q):
    """Nearest-rank quantile of a non-empty list (no interpolation), None for an empty one."""
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))] if s else None


def first_visible(visible, checkpoints):
    """For each checkpoint (trigger, ack, ...) but the last, in order: (checkpoint, first visible ms) for those
    whose commit made something of `visible` (sorted ms) readable before the next checkpoint completed."""
    for checkpoint, following in zip(checkpoints, checkpoints[1:]):
        i = bisect.bisect_left(visible, checkpoint[1])
        if i < len(visible) and visible[i] < following[1]:
            yield checkpoint, visible[i]
