"""Model wrappers with small committed weights and model cards."""
