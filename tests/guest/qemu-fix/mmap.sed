# qemu-aarch64 7.2 maps over an existing mapping for MAP_FIXED_NOREPLACE;
# Linux (>= 4.17) refuses with EEXIST.
s/^\(MAP_FIXED_NOREPLACE on a mapped page *\)0$/\1-1 EEXIST/
