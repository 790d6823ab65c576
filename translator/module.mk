# the x86-64 translator arrives in a later issue
