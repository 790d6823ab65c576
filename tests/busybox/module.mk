.PHONY: check-busybox
check-busybox:
