"""``python -m analysis``: the command line (:mod:`analysis.outputs.cli`)."""
import gc
import sys

# The imports below leave some 300,000 objects that live until the command exits
# (pandas, matplotlib, NLTK, ...).  The cyclic garbage collector would walk them
# on every full pass while they load, again while the command runs, and once more
# at exit: about 0.4 s of a 2.6 s `figures` run, most of it at exit.  Collection
# is paused while they load; they are then frozen (moved out of the collector's
# reach, see gc.freeze) and collection resumes for the objects the command creates.
gc.disable()
from .outputs.cli import main  # noqa: E402

gc.freeze()
gc.enable()
sys.exit(main())
