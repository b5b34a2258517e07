"""Stage 5, outputs: tables in, what a person reads out.

Plots (one function per figure, one style), the figures job, notebook setup,
HTML reports and the command line.
"""
