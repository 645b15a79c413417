"""Language modules. Only Arabic for now: :mod:`kg.lang.ar`."""
