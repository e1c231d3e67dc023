#!/bin/sh
# embed.sh FILE NAME: print C source defining NAME[] and NAME_size from FILE.
set -e
file=$1
name=$2
echo "/* Generated from $(basename "$file") by embed.sh; do not edit. */"
echo "#include <stddef.h>"
echo "const unsigned char ${name}_text[] = {"
od -An -v -tx1 "$file" | sed -e 's/ *$//' -e 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g' -e '/^$/d'
echo "0 };"
echo "const size_t ${name}_size = sizeof ${name}_text - 1;"
