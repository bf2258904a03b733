"""Running past one machine: the runner's Ray engine (``scale.ray``)."""
