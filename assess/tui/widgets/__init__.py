"""Reusable parts of the screens: each posts the messages it declares; screens act on them."""
