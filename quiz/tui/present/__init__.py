"""Presenter mode: the round on a projector, driven by the teacher's keys."""
