"""Hypothesis profiles: CI replays a fixed sample; local runs explore new examples every time.

CI must be reproducible (a red build should mean a change broke something, not that a new random
example was drawn); developer runs keep exploring, which is how the property tests find bugs.
"""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
