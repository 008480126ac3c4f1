"""Episode trajectories: what an agent proposed, what the guards changed, what ran and what came back.

:func:`~evals.trace.capture.capture_trajectory` builds a :class:`~evals.trace.model.Trajectory` from
the final graph state of an episode; the results store keeps it (compressed) beside the episode
record, ``guards show`` prints it, ``guards export`` writes it out, and ``report.html`` shows the
episodes that flipped between the arms.
"""

from evals.trace.model import CallTrace, GradeTrace, InterventionTrace, Trajectory, Turn, WorldChange

__all__ = ["CallTrace", "GradeTrace", "InterventionTrace", "Trajectory", "Turn", "WorldChange"]
