#!/bin/sh
# What help2man reads for mlp-studio-cli(1): the CLI's --help followed by the
# help of its train and dataset commands, their headings turned into
# "Heading:" lines (help2man's subsections). The CLI is $MLPS_PROGRAM.
# Used by GenerateManPage.cmake.
set -e
cli=${MLPS_PROGRAM:?}
case "${1:-}" in
--version) exec "$cli" --version ;;
--help) ;;
*) exit 2 ;;
esac
"$cli" --help | sed -e 's/^\(Commands\|Options\)$/\1:/'
echo
"$cli" train --help | sed -e '/^Example/,$d' \
  -e 's/^Usage: \(.*\)$/train command:\n  \1\n/' \
  -e 's/^\([A-Z][A-Za-z -]*\)$/\1 (train):/'
echo
"$cli" dataset --help | sed \
  -e 's/^Usage: \(.*\)$/dataset command:\n  \1/' \
  -e 's/^\([A-Z][A-Za-z -]*\)$/\1 (dataset):/'
echo
# The example: what it shows, then the command on one line.
echo "Examples:"
"$cli" train --help | sed -n -e 's/^Example (\(.\)\(.*\)):$/\u\1\2:/p'
"$cli" train --help | sed -e '1,/^Example/d' | sed -e ':a' -e '/\\$/{N;s/ *\\\n */ /;ba' -e '}'
