"""Etiquette handbooks (文明礼仪手册): the print edition (PDF), its background build and the quiz."""
