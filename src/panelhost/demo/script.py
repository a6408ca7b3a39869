"""The demo room's words: the questions students ask an EM panel, and their names."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DemoQuestion:
    """A question a student may ask, and how the room tends to treat it."""

    text: str
    appeal: float = 1.0
    """How strongly it draws votes, relative to the others."""
    anonymous: float = 0.2
    """The chance it is asked anonymously."""
    to: str | None = None
    """A word matched against panelists' names and titles: the question is addressed to one."""


QUESTIONS: tuple[DemoQuestion, ...] = (
    DemoQuestion("How did you know emergency medicine was the right specialty for you?", 3.0),
    DemoQuestion("What made you choose EM over internal medicine or anesthesia?", 1.6),
    DemoQuestion("What do program directors actually look for in a SLOE?", 3.2),
    DemoQuestion("How many away rotations should I do, and when should they end?", 2.6),
    DemoQuestion("Is it a red flag to apply EM without a home program?", 1.8, 0.5),
    DemoQuestion("How do you handle switching between day and night shifts?", 2.4),
    DemoQuestion("Any practical tips for sleep after a string of overnights?", 1.5),
    DemoQuestion("Is burnout in EM as bad as the surveys say?", 2.8, 0.6),
    DemoQuestion("What keeps you from burning out on a bad stretch of shifts?", 1.7, 0.4),
    DemoQuestion("How worried should we be about the EM job market in 2030?", 2.7, 0.5),
    DemoQuestion("How did the match change after the 2023 unfilled positions?", 2.0, 0.3),
    DemoQuestion("How many EM programs should I apply to this cycle?", 2.2),
    DemoQuestion("Do Step 2 scores matter much for EM now that Step 1 is pass/fail?", 2.1, 0.5),
    DemoQuestion("What procedures did you feel least prepared for as an intern?", 1.3, 0.1),
    DemoQuestion("How much ultrasound should I learn before residency?", 1.4, 0.1, "ultrasound"),
    DemoQuestion("Is an ultrasound fellowship worth the extra year?", 1.1, 0.1, "ultrasound"),
    DemoQuestion("How did you decide between pediatrics and pediatric EM?", 1.2, 0.1, "pediatric"),
    DemoQuestion("What is the hardest part of caring for very sick kids?", 1.3, 0.2, "pediatric"),
    DemoQuestion("Which fellowships open the most doors: critical care, tox, EMS?", 1.5),
    DemoQuestion("Can you do EM-critical care and still work regular ED shifts?", 0.9),
    DemoQuestion("What does a normal week look like for you, hours and shifts?", 1.9, 0.1),
    DemoQuestion("Is EM compatible with having young kids?", 2.0, 0.4),
    DemoQuestion("How do you pay off loans on an EM salary with $300k of debt?", 2.3, 0.7),
    DemoQuestion("Is the pay gap between community and academic jobs real?", 1.4, 0.5),
    DemoQuestion("Community or academic residency: which trains you better?", 2.1, 0.1),
    DemoQuestion("Why did you choose a community job after residency?", 1.0, 0.1, "community"),
    DemoQuestion("What is it like being a woman in EM, with patients and with staff?", 1.9, 0.4),
    DemoQuestion("Have you dealt with violence in the ED, and how do you stay safe?", 1.6, 0.5),
    DemoQuestion("How much research do I need for a competitive EM application?", 1.8, 0.3),
    DemoQuestion("Does it matter if my research is not in emergency medicine?", 1.0, 0.3),
    DemoQuestion("What makes a student stand out on an EM rotation?", 2.5),
    DemoQuestion("What should I do on my first day of an EM sub-I?", 1.4),
    DemoQuestion("How do you ask for a SLOE without it being awkward?", 1.2, 0.4),
    DemoQuestion("What is the best and worst part of working in the ED?", 1.7),
    DemoQuestion("How do you cope with a bad outcome and still see the next patient?", 1.8, 0.4),
    DemoQuestion("Do you ever miss having continuity with your patients?", 0.8),
    DemoQuestion("How does EM deal with boarding and long waits these days?", 1.1, 0.2),
    DemoQuestion("Three-year or four-year residency: what would you choose again?", 1.3),
    DemoQuestion("What did you wish you had known as a third-year student?", 1.6, 0.1, "resident"),
    DemoQuestion("How is the transition from resident to attending?", 1.0, 0.1, "attending"),
    DemoQuestion("How do you teach residents when the ED is slammed?", 0.7, 0.1, "academic"),
    DemoQuestion("Is it too late to switch to EM if I matched into another field?", 0.9, 0.6),
)
"""Questions from medical students to an emergency-medicine alumni panel."""

NAMES: tuple[str, ...] = (
    "Aisha", "Mateo", "Priya", "Jamal", "Mei", "Diego", "Fatima", "Liam", "Sofia", "Kwame",
    "Hana", "Omar", "Chloe", "Ravi", "Amara", "Lucas", "Yuki", "Daniel", "Zainab", "Ethan",
    "Camila", "Tariq", "Ingrid", "Malik", "Leila", "Noah", "Ananya", "Samuel", "Nadia", "Jin",
    "Isabela", "Kofi", "Elena", "Arjun", "Grace", "Hamza", "Maya", "Tomás", "Adaeze", "Ben",
    "Sara", "Wei", "Lucía", "Emeka", "Hannah", "Farid", "Olivia", "Santiago", "Nia", "Aleksander",
    "Rosa", "Dev", "Chiara", "Yusuf", "Emily", "Thanh", "Marisol", "Ibrahim", "Freya", "Andre",
)  # fmt: skip
"""Students' first names; repeats get a last initial."""


def names(count: int, rng: random.Random) -> list[str]:
    """`count` distinct display names: diverse first names, a last initial once they repeat."""
    first = list(NAMES)
    rng.shuffle(first)
    names: list[str] = []
    taken: set[str] = set()
    for index in range(count):
        name = first[index % len(first)]
        if index >= len(first):
            letters = [c for c in "ABCDEFGHIJKLMNOPRSTVWYZ" if f"{name} {c}." not in taken]
            name = f"{name} {rng.choice(letters)}." if letters else f"{name} {index}"
        taken.add(name)
        names.append(name)
    return names
