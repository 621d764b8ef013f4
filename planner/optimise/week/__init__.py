"""Week planning: which accounts deserve a trip this week, in which order, on which day.

The pipeline (one entry point, `orchestrate.optimise_week`, with one `Deadline`):

1. `problem`  — the week as integers: days (shifts, lunch, driving limit, start/end
   place), candidates (value in cents from `planner.optimise.priorities`, meeting
   seconds, opening windows per day, locks), matrices (metres, seconds, cents).
2. `planner`  — `greedy_routes` (best-first insertion, exact timing) and `solve_week`:
   PyVRP through `planner.optimise.solver` on the model of `model` (prize-collecting,
   time windows, one vehicle per day), then `repair` (exact lunch and driving limit) and
   `fill` (add whatever still pays); the better of greedy and solver is kept.
3. `schedule` — exact timing of one day with the lunch break placed in the best idle slot.
4. `overnight` — hotel near a far valuable cluster vs home every night, compared.
5. `replan`   — warm start from the previous plan and day pinning for stable re-plans.
6. `decode`, `explain` — domain DayPlans with aware local times, and a Decision with the
   reason in money for every candidate (from the same cent figures the solver used).
7. `check`    — an independent feasibility check of a finished WeekPlan.
"""
