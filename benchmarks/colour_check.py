"""Colour-vision check of the map's palettes: can days, priorities and territories be told apart?

    .venv/bin/python benchmarks/colour_check.py

For each pair of palette groups (the five working days' route colours, the priority
bands, the first territories' outline colours) it prints the smallest perceptual
distance between two colours (CIECAM02-UCS ΔE, colorspacious), seen with normal
vision and with each full colour-vision deficiency simulated (Machado et al. 2009,
severity 100). Two colours below ~10 are easily confused; above ~15 they read apart.
"""

from __future__ import annotations

import itertools

import numpy as np
from colorspacious import cspace_convert  # dev dependency

from planner.maps.palette import CATEGORICAL, DAY_COLORS, PRIORITY_COLORS, PRIORITY_ORDER

VISION = {
    "normal": None,
    "deuteranopia": "deuteranomaly",
    "protanopia": "protanomaly",
    "tritanopia": "tritanomaly",
}
TERRITORIES = 3  # the demo's reps; more reps draw further down the palette


def _seen(hex_colour: str, deficiency: str | None) -> np.ndarray:
    rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    if deficiency is not None:
        space = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
        rgb = np.clip(cspace_convert(rgb, space, "sRGB1"), 0, 1)
    return np.asarray(cspace_convert(rgb, "sRGB1", "CAM02-UCS"))


def closest(pairs: list[tuple[str, str]], deficiency: str | None) -> tuple[float, str, str]:
    return min(
        (float(np.linalg.norm(_seen(a, deficiency) - _seen(b, deficiency))), a, b) for a, b in pairs
    )


def main() -> None:
    days = list(DAY_COLORS[:5])
    priority = [PRIORITY_COLORS[p] for p in PRIORITY_ORDER[:3]]
    territories = list(CATEGORICAL[:TERRITORIES])
    groups = {
        "days": list(itertools.combinations(days, 2)),
        "priorities": list(itertools.combinations(priority, 2)),
        "territories": list(itertools.combinations(territories, 2)),
        "days vs priorities": list(itertools.product(days, priority)),
        "territories vs priorities": list(itertools.product(territories, priority)),
        "territories vs days": list(itertools.product(territories, days)),
    }
    print("| colours | " + " | ".join(VISION) + " |")
    print("|---|" + "---|" * len(VISION))
    for name, pairs in groups.items():
        cells = []
        for deficiency in VISION.values():
            distance, a, b = closest(pairs, deficiency)
            cells.append(f"{distance:.1f} ({a}/{b})")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
