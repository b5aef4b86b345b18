#!/bin/bash
# What help2man reads for mlp-studio(1): the studio's --help and --version,
# which need no display. The studio is $MLPS_PROGRAM; it is started as
# "mlp-studio" so that its usage line names it so. Used by GenerateManPage.cmake.
set -e
exec -a mlp-studio "${MLPS_PROGRAM:?}" "$@"
