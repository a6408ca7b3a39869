"""The pure session core: model, events, rules (decide) and fold (apply). No I/O, no UI."""

from panelhost.core.fold import apply, fold
from panelhost.core.model import State
from panelhost.core.rules import Accepted, Actor, Decision, Rejected, decide

__all__ = ["Accepted", "Actor", "Decision", "Rejected", "State", "apply", "decide", "fold"]
