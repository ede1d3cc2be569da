"""Test-wide settings."""

import os

from hypothesis import settings

# In CI the generated examples are derived from each test's name, so a run is repeatable and a
# submission never fails on a new random example; developers' runs keep exploring (and keep the
# failures they find in .hypothesis/, which replays them first).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
