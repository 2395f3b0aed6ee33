// Intentionally empty until query sources land; keeps the target buildable.
