"""Text bars: progress in the pillar list, score against target on the Results screen."""

from __future__ import annotations

from rich.text import Text

FULL, EMPTY = "█", "░"


def progress_bar(done: int, total: int, width: int) -> Text:
    filled = round(width * done / total) if total else width
    return Text.assemble((FULL * filled, "green"), (EMPTY * (width - filled), "dim"))


def score_bar(score: float, target: float, width: int, top: float = 5.0) -> Text:
    """A bar of `score` out of `top`, with the target marked `|` (red when the score is short)."""
    filled = round(width * min(score, top) / top)
    mark = min(width - 1, round(width * target / top)) if target > 0 else None
    text = Text()
    for i in range(width):
        if i == mark:
            text.append("|", "bold red" if score + 1e-9 < target else "bold green")
        elif i < filled:
            text.append(FULL, "cyan" if score + 1e-9 >= target else "yellow")
        else:
            text.append(EMPTY, "dim")
    return text
