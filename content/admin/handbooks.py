"""Admin for etiquette handbooks: quiz results."""
