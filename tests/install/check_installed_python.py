"""Run against an install prefix: the installed coachkit package imports and works."""
import coachkit

print(len(coachkit.curee().principles), "principles")
