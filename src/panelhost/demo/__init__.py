"""Simulated participants for `panelhost demo`.

`SimulatedRoom` (room.py) plays a plan (plan.py) of students' words (script.py).
"""

from panelhost.demo.room import RoomStats, SimulatedRoom
from panelhost.demo.script import QUESTIONS, DemoQuestion

__all__ = ["QUESTIONS", "DemoQuestion", "RoomStats", "SimulatedRoom"]
