"""The one compiled part: the bead search's dynamic program (``iwo_tm._bead_dp``).

It is optional. Where no C compiler is at hand the build goes on without it and
``iwo_tm.align.bead_search`` does the same work with numpy, to the same result, only slower.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "iwo_tm._bead_dp",
            ["src/iwo_tm/_bead_dp.c"],
            # no fused multiply-add: the same roundings as numpy, so the same chain of beads
            extra_compile_args=["-ffp-contract=off"],
            optional=True,
        )
    ]
)
