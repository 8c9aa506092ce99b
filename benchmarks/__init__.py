"""Accuracy (`make eval`) and speed (`make bench`) measurements on the public dev data."""
