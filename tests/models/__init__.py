"""Tests of the model wrappers (a package, so test module names may repeat those in stages/)."""
